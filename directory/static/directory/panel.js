// The signposting side panel (directory/_panel.html): searches and sends are fetched and
// the panel alone is replaced, so the page around it (the customer's record, the guided
// incident screen) never changes. Without this script the forms work as ordinary pages.
import { initAll } from '/static/govuk/govuk-frontend.min.js'

const PANEL = '#signposting-panel'

async function submitInPanel (panel, form) {
  // Busy until the fresh panel replaces this one: boxes ticked meanwhile would be lost with it,
  // and assistive technology is told the panel is changing.
  panel.setAttribute('aria-busy', 'true')
  const data = new FormData(form)
  const headers = { 'X-Haven-Panel': '1' }
  let html
  try {
    let response
    if (form.matches('[data-panel-search]')) {
      const query = new URLSearchParams(data).toString()
      response = await fetch(`${panel.dataset.panelUrl}?${query}`, { headers, credentials: 'same-origin' })
    } else {
      headers['X-CSRFToken'] = data.get('csrfmiddlewaretoken')
      response = await fetch(panel.dataset.sendUrl, { method: 'POST', body: data, headers, credentials: 'same-origin' })
    }
    html = await response.text()
  } catch (error) {
    form.submit() // the connection dropped: an ordinary page load shows what happened
    return
  }
  const template = document.createElement('template')
  template.innerHTML = html.trim()
  const fresh = template.content.querySelector(PANEL)
  if (!fresh) {
    form.submit() // signed out, or something unexpected: let the page handle it
    return
  }
  panel.replaceWith(fresh)
  wire(fresh)
  initAll({ scope: fresh })
  // A list given during an incident changes its to-do list: the guided screen, if this
  // is one, reads its state again now rather than at its next poll.
  if (form.matches('[data-panel-send]')) document.dispatchEvent(new CustomEvent('haven:incident-changed'))
  const focus = fresh.querySelector('.govuk-error-summary, .govuk-notification-banner, #signposting-summary')
  if (focus) {
    focus.setAttribute('tabindex', '-1')
    focus.focus()
  }
}

function wire (panel) {
  panel.addEventListener('submit', (event) => {
    const form = event.target
    if (!form.matches('[data-panel-search], [data-panel-send]')) return
    event.preventDefault()
    submitInPanel(panel, form)
  })
}

document.querySelectorAll(PANEL).forEach(wire)
