// The guided screen (templates/incidents/guided.html). Steps are answered without leaving
// the page: the step form is posted with `X-Haven-Fragment: 1` and the step, summary and
// to-do regions that come back replace the old ones, so the note being typed stays put.
// The screen refreshes itself from the state endpoint whenever `haven:incident-changed`
// is dispatched on document (live.js, on each server-sent event) and every 15 seconds.
import { initAll } from '/static/govuk/govuk-frontend.min.js'

const root = document.querySelector('#guided')
const REGIONS = ['#incident-step', '#incident-summary', '#incident-actions']
const POLL_MS = 15000

function csrf () {
  const input = document.querySelector('input[name=csrfmiddlewaretoken]')
  return input ? input.value : ''
}

function firstControl () {
  const step = document.querySelector('#incident-step')
  if (!step) return null
  return step.querySelector(
    '.govuk-error-summary, #incident-conflict, [data-step-form] input:not([type=hidden]):checked, ' +
    '[data-step-form] input:not([type=hidden]), [data-step-form] textarea, [data-step-form] button, [data-step-first]'
  )
}

function focusStep () {
  const target = firstControl()
  if (!target) return
  if (target.matches('.govuk-error-summary, #incident-conflict')) target.setAttribute('tabindex', '-1')
  target.focus()
}

function swap (html) {
  const template = document.createElement('template')
  template.innerHTML = html.trim()
  let swapped = false
  for (const selector of REGIONS) {
    const fresh = template.content.querySelector(selector)
    const old = document.querySelector(selector)
    if (fresh && old) {
      old.replaceWith(fresh)
      initAll({ scope: fresh })
      swapped = true
    }
  }
  const step = document.querySelector('#incident-step')
  if (step) root.dataset.version = step.dataset.version
  return swapped
}

let dirty = false

async function send (url, options) {
  const response = await fetch(url, {
    credentials: 'same-origin',
    ...options,
    headers: { 'X-Haven-Fragment': '1', 'X-CSRFToken': csrf(), ...(options.headers || {}) }
  })
  const html = await response.text()
  if (!swap(html)) {
    window.location.reload() // signed out, or something unexpected: let the page show it
    return
  }
  dirty = false
  focusStep()
}

function wire () {
  root.addEventListener('submit', (event) => {
    const form = event.target
    if (!form.matches('[data-step-form]')) return
    event.preventDefault()
    const button = form.querySelector('[data-step-submit]')
    if (button) button.disabled = true
    send(form.action, { method: 'POST', body: new FormData(form) }).catch(() => form.submit())
  })
  root.addEventListener('click', (event) => {
    const link = event.target.closest('a[data-step-change], a[data-step-cancel]')
    if (!link) return
    event.preventDefault()
    send(link.href, { method: 'GET' }).catch(() => window.location.assign(link.href))
  })
  root.addEventListener('input', (event) => { if (event.target.closest('[data-step-form]')) dirty = true })
  root.addEventListener('keydown', (event) => {
    // Enter answers the step from a radio too; in a text box, Ctrl+Enter does (Enter is a new line).
    const form = event.target.closest && event.target.closest('[data-step-form]')
    if (!form || event.key !== 'Enter') return
    const isRadio = event.target.matches('input[type=radio]')
    const isTextarea = event.target.matches('textarea')
    if (isRadio || (isTextarea && (event.ctrlKey || event.metaKey))) {
      event.preventDefault()
      if (isRadio) event.target.checked = true
      form.requestSubmit()
    }
  })
}

function latestNoteId () {
  const list = document.querySelector('#incident-notes-list')
  return list ? list.dataset.latestId || '' : ''
}

let refreshing = false
let again = false

async function refresh () {
  // A change that arrives while a read is in flight may be newer than what that read
  // returns: read once more when it ends, rather than drop it until the next poll.
  if (refreshing) {
    again = true
    return
  }
  refreshing = true
  again = false
  try {
    const url = new URL(root.dataset.stateUrl, window.location.href)
    const after = latestNoteId()
    if (after) url.searchParams.set('notes_after', after)
    const response = await fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json' } })
    if (!response.ok) return
    const state = await response.json()
    document.dispatchEvent(new CustomEvent('haven:incident-state', { detail: state }))
    refreshEmergencyPanel(state.html.emergency)
    refreshPanel('#followup-panel', state.html.followup)
    refreshPanel('#incident-actions', state.html.actions) // a list given ticks off a to-do
    if (String(state.version) === root.dataset.version) return
    swapOne('#incident-summary', state.html.summary)
    const step = document.querySelector('#incident-step')
    // Someone is typing an answer: leave it. Submitting it against the old version shows
    // them the other version, with what they typed, and nothing is lost.
    if (!(dirty && step && step.dataset.canAnswer === 'true')) {
      swapOne('#incident-step', state.html.step)
      root.dataset.version = String(state.version)
    }
  } catch (error) {
    // Offline for a moment: the next event or poll tries again.
  } finally {
    refreshing = false
    if (again) refresh()
  }
}

// A call the partner records, Report Threat given to the team leader and the records due
// after the call change no step, so these panels are refreshed whatever the version; not
// while the person is in one (focus in it), nor the emergency panel while its form is in
// use (edited, or opened by them), so nothing typed there is lost.
function refreshPanel (selector, html) {
  const panel = document.querySelector(selector)
  if (!panel || !html || panel.contains(document.activeElement)) return false
  swapOne(selector, html)
  return true
}

function refreshEmergencyPanel (html) {
  const form = document.querySelector('#emergency-call-form')
  if (form && (form.dataset.edited || (form.open && !form.dataset.openedByServer))) return
  if (refreshPanel('#emergency-panel', html)) markServerOpened()
}

function markServerOpened () {
  const form = document.querySelector('#emergency-call-form')
  if (form && form.open) form.dataset.openedByServer = 'true'
}

function swapOne (selector, html) {
  const template = document.createElement('template')
  template.innerHTML = (html || '').trim()
  const fresh = template.content.querySelector(selector)
  const old = document.querySelector(selector)
  if (fresh && old) {
    const hadFocus = old.contains(document.activeElement)
    old.replaceWith(fresh)
    initAll({ scope: fresh })
    if (hadFocus) focusStep()
  }
}

if (root) {
  wire()
  markServerOpened()
  document.addEventListener('input', (event) => {
    const form = event.target.closest && event.target.closest('#emergency-call-form')
    if (form) form.dataset.edited = 'true'
  })
  if (!document.querySelector('.govuk-error-summary') && !window.location.hash.startsWith('#incident-notes')) focusStep()
  document.addEventListener('haven:incident-changed', () => refresh())
  setInterval(refresh, POLL_MS)
}
