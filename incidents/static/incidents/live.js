// Follows one incident live (issue 8; the live contract in the incidents brief). Opens the
// server-sent event stream named by the first element with data-incident-events-url and
// dispatches `haven:incident-changed` on `document` for every event, with the event's
// data (ids and versions only) as `detail`. Screens re-read what changed through their
// own permission-checked endpoints. After every (re)connection it dispatches once with
// kind "stream-open", so a screen that missed events while disconnected catches up.
// Without the attribute (a server that cannot stream) it does nothing: the guided
// screen's 15-second poll keeps the page current.

// incidents/live.py sends every change as the one event type 'change', its kind in the data.
export const CHANGE_EVENT = 'change'

export const CHANGED = 'haven:incident-changed'

function dispatch (detail) {
  document.dispatchEvent(new CustomEvent(CHANGED, { detail }))
}

function follow (element) {
  if (element.dataset.liveFollowing) return
  element.dataset.liveFollowing = 'true'
  const source = new EventSource(element.dataset.incidentEventsUrl, { withCredentials: true })
  source.addEventListener('stream-open', () => dispatch({ kind: 'stream-open' }))
  source.addEventListener(CHANGE_EVENT, (event) => {
    let data = {}
    try { data = JSON.parse(event.data) } catch (error) { data = {} }
    dispatch({ kind: 'change', ...data })
  })
  // Refused (the person may no longer open it): stop, and let the page's poll show why.
  source.addEventListener('stream-error', () => source.close())
}

const element = document.querySelector('[data-incident-events-url]')
if (element && element.dataset.incidentEventsUrl && 'EventSource' in window) follow(element)
