// The guided screen's support-partner panel (templates/incidents/partner/panel.html).
// "Summon support partner" posts with fetch, so the worker never leaves the step they are
// on (the alert never puts the customer on hold). The panel then shows where the alert
// went and re-reads its status whenever the incident changes (live.js); when the alert's
// escalation time comes it asks the server to escalate it then, not at the next minute.
const panel = document.querySelector('[data-partner-panel]')

let escalationTimer = null

function show (status) {
  const place = panel.querySelector('#partner-status')
  const line = document.createElement('p')
  line.className = 'govuk-body'
  if (status.partner) {
    line.dataset.partnerJoined = 'true'
    line.textContent = `${status.partner} joined as the support partner.`
    panel.querySelector('[data-summon-form]')?.remove()
  } else if (status.alert) {
    line.dataset.alertState = status.alert.state
    const strong = document.createElement('strong')
    strong.textContent = `${status.alert.state_label}.`
    line.append(strong, ` ${status.alert.where}`)
  } else {
    return
  }
  place.replaceChildren(line)
  schedule(status)
}

function schedule (status) {
  clearTimeout(escalationTimer)
  const alert = status.alert
  if (status.partner || !alert || alert.state !== 'waiting') return
  const csrf = panel.querySelector('[name=csrfmiddlewaretoken]')?.value
  if (!csrf) return // only the worker's panel holds the form, and only the worker triggers it
  escalationTimer = setTimeout(async () => {
    const response = await fetch(alert.escalate_url, {
      method: 'POST', headers: { Accept: 'application/json', 'X-CSRFToken': csrf }, credentials: 'same-origin'
    })
    if (response.ok) show(await response.json())
  }, alert.seconds_to_escalation * 1000 + 250)
}

async function reread () {
  const response = await fetch(panel.dataset.statusUrl, { headers: { Accept: 'application/json' }, credentials: 'same-origin' })
  if (response.ok) show(await response.json())
}

if (panel) {
  const form = panel.querySelector('[data-summon-form]')
  form?.addEventListener('submit', async (event) => {
    event.preventDefault()
    const button = form.querySelector('button')
    button.disabled = true
    try {
      const response = await fetch(form.action, {
        method: 'POST',
        body: new FormData(form),
        headers: { Accept: 'application/json', 'X-CSRFToken': form.querySelector('[name=csrfmiddlewaretoken]').value },
        credentials: 'same-origin'
      })
      const body = await response.json()
      if (response.ok) {
        show(body)
        button.textContent = 'Summon support partner again'
      } else {
        const line = document.createElement('p')
        line.className = 'govuk-error-message'
        line.textContent = body.detail
        panel.querySelector('#partner-status').replaceChildren(line)
      }
    } finally {
      button.disabled = false
    }
  })
  document.addEventListener('haven:incident-changed', (event) => {
    const kind = event.detail && event.detail.kind
    if (['alert', 'partner', 'stream-open', 'incident'].includes(kind)) reread()
  })
  reread()
}
