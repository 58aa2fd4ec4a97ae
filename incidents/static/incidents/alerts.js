// Support-partner alerts on every page (issue 8): for staff who may be summoned, listens
// to their own stream of server-sent events and shows each waiting alert as a GOV.UK
// notification banner at the top of the page, with an Accept button. The stream says only
// that something changed; the alerts themselves are read from /incidents/alerts/waiting,
// after every event and every (re)connection, so a dropped connection misses nothing.
const script = document.querySelector('script[data-haven-alerts]')

function banner (alert, csrf) {
  const box = document.createElement('div')
  box.className = 'govuk-notification-banner haven-support-alert'
  box.setAttribute('role', 'alert')
  box.setAttribute('aria-labelledby', `support-alert-${alert.id}`)
  box.dataset.supportAlert = alert.id
  box.innerHTML = `
    <div class="govuk-notification-banner__header">
      <h2 class="govuk-notification-banner__title" id="support-alert-${alert.id}">Support partner needed</h2>
    </div>
    <div class="govuk-notification-banner__content">
      <p class="govuk-notification-banner__heading"></p>
      <p class="govuk-body"></p>
      <form method="post">
        <input type="hidden" name="csrfmiddlewaretoken">
        <button type="submit" class="govuk-button govuk-!-margin-bottom-0" data-module="govuk-button">Accept</button>
      </form>
    </div>`
  // Text goes in as text, never as markup.
  box.querySelector('.govuk-notification-banner__heading').textContent = alert.headline
  box.querySelector('.govuk-body').textContent = alert.detail
  const form = box.querySelector('form')
  form.action = alert.accept_url
  form.querySelector('input').value = csrf
  form.querySelector('button').setAttribute('aria-label', `Accept: ${alert.headline}`)
  return box
}

function area () {
  let found = document.getElementById('support-alerts')
  if (!found) {
    found = document.createElement('div')
    found.id = 'support-alerts'
    const main = document.getElementById('main-content') || document.body
    main.prepend(found)
  }
  return found
}

let refreshing = null
let again = false
async function refresh () {
  if (refreshing) { again = true; return refreshing }
  refreshing = (async () => {
    try {
      const response = await fetch(script.dataset.waitingUrl, {
        headers: { Accept: 'application/json' }, credentials: 'same-origin'
      })
      if (!response.ok) return
      const { alerts } = await response.json()
      const place = area()
      const shown = new Set([...place.querySelectorAll('[data-support-alert]')].map((el) => el.dataset.supportAlert))
      const wanted = new Set(alerts.map((alert) => String(alert.id)))
      place.querySelectorAll('[data-support-alert]').forEach((el) => {
        if (!wanted.has(el.dataset.supportAlert)) el.remove()
      })
      for (const alert of alerts) {
        if (!shown.has(String(alert.id))) place.append(banner(alert, script.dataset.csrf))
      }
    } finally {
      refreshing = null
      // An event that came while reading: read again, so it is never missed.
      if (again) { again = false; refresh() }
    }
  })()
  return refreshing
}

if (script && 'EventSource' in window) {
  const source = new EventSource(script.dataset.eventsUrl, { withCredentials: true })
  source.addEventListener('stream-open', refresh)
  source.addEventListener('alert', refresh)
  source.addEventListener('alert-closed', refresh)
  source.addEventListener('stream-error', () => source.close())
}
