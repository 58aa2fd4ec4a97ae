// The notes box (templates/incidents/panels/notes.html). Every 3 seconds while typing,
// and on leaving the box, the note is saved as the next revision of its entry (an id made
// here); a retried save is recognised by the server, so nothing is doubled or lost.
// Until the server has it, the text is kept in this browser (localStorage, one key per
// incident, person and entry): reopening after a crash offers it back. Notes others save
// arrive with the screen's state (guided.js dispatches `haven:incident-state`).
const panel = document.querySelector('#incident-notes')
const SAVE_EVERY_MS = 3000
const LONDON = { timeZone: 'Europe/London', hour12: false, hour: '2-digit', minute: '2-digit', second: '2-digit' }

function newEntry () {
  if (window.crypto && crypto.randomUUID) return crypto.randomUUID()
  const bytes = crypto.getRandomValues(new Uint8Array(16))
  bytes[6] = (bytes[6] & 0x0f) | 0x40
  bytes[8] = (bytes[8] & 0x3f) | 0x80
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}

function clock (iso) {
  return new Date(iso).toLocaleTimeString('en-GB', LONDON)
}

function csrf () {
  const input = document.querySelector('input[name=csrfmiddlewaretoken]')
  if (input) return input.value
  const cookie = document.cookie.split('; ').find((c) => c.startsWith('csrftoken='))
  return cookie ? cookie.slice('csrftoken='.length) : ''
}

const prefix = panel ? `haven:incident-note:${panel.dataset.incident}:${panel.dataset.user}:` : ''

function remember (entry, value) {
  try { localStorage.setItem(prefix + entry, JSON.stringify(value)) } catch (error) { /* storage full or off */ }
}

function forget (entry) {
  try { localStorage.removeItem(prefix + entry) } catch (error) { /* storage off */ }
}

function remembered () {
  const found = []
  try {
    for (let i = 0; i < localStorage.length; i++) {
      const key = localStorage.key(i)
      if (!key.startsWith(prefix)) continue
      try { found.push({ entry: key.slice(prefix.length), ...JSON.parse(localStorage.getItem(key)) }) } catch (error) { localStorage.removeItem(key) }
    }
  } catch (error) { /* storage off */ }
  return found
}

async function post (body) {
  const response = await fetch(panel.dataset.notesUrl, {
    method: 'POST',
    credentials: 'same-origin',
    keepalive: true,
    headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'X-CSRFToken': csrf() },
    body: JSON.stringify(body)
  })
  let data = {}
  try { data = await response.json() } catch (error) { /* a page, not JSON */ }
  return { status: response.status, data }
}

// The list of everyone's notes ------------------------------------------------------------

const list = panel && panel.querySelector('#incident-notes-list')

function upsert (note) {
  const empty = list.querySelector('[data-notes-empty]')
  if (empty) empty.remove()
  let item = list.querySelector(`li[data-entry="${note.entry}"]`)
  if (item && Number(item.dataset.revision) > note.revision) return
  if (!item) {
    item = document.createElement('li')
    item.className = 'haven-note'
    item.dataset.entry = note.entry
    const meta = document.createElement('p')
    meta.className = 'govuk-body-s govuk-!-margin-bottom-1'
    const who = document.createElement('strong')
    who.textContent = note.author
    const time = document.createElement('span')
    time.dataset.noteTime = ''
    meta.append(who, ' ', time)
    if (note.witness) {
      const tag = document.createElement('strong')
      tag.className = 'govuk-tag govuk-tag--blue'
      tag.textContent = 'Witness'
      meta.append(' ', tag)
    }
    const text = document.createElement('p')
    text.className = 'govuk-body haven-note__text'
    text.dataset.noteText = ''
    item.append(meta, text)
    list.append(item)
  }
  item.dataset.revision = note.revision
  item.dataset.text = note.text
  if (note.id) {
    item.dataset.noteId = note.id
    if (Number(note.id) > Number(list.dataset.latestId || 0)) list.dataset.latestId = note.id
  }
  item.querySelector('[data-note-time]').textContent = clock(note.saved_at)
  const text = item.querySelector('[data-note-text]')
  text.replaceChildren(...note.text.split('\n').flatMap((line, i) => (i ? [document.createElement('br'), line] : [line])))
}

function serverText (entry) {
  const item = list.querySelector(`li[data-entry="${entry}"]`)
  return item ? item.dataset.text : null
}

// The box ----------------------------------------------------------------------------------

const box = panel && panel.querySelector('#incident-note')
const status = panel && panel.querySelector('#incident-note-status')
const group = panel && panel.querySelector('#incident-note-group')
const problem = panel && panel.querySelector('#incident-note-error')

const note = { entry: newEntry(), revision: 1, saved: '', inflight: false, again: false, timer: null }

function say (words) { status.textContent = words }

function showProblem (message) {
  if (message) {
    problem.replaceChildren(Object.assign(document.createElement('span'), { className: 'govuk-visually-hidden', textContent: 'Error: ' }), message)
    problem.hidden = false
    group.classList.add('govuk-form-group--error')
    box.classList.add('govuk-textarea--error')
  } else {
    problem.hidden = true
    group.classList.remove('govuk-form-group--error')
    box.classList.remove('govuk-textarea--error')
  }
}

function keep () {
  if (box.value.trim() && box.value !== note.saved) {
    remember(note.entry, { text: box.value, revision: note.revision, saved: note.saved, at: new Date().toISOString() })
  }
}

async function save () {
  clearTimeout(note.timer)
  note.timer = null
  const text = box.value
  if (!text.trim() || text === note.saved) return true
  if (note.inflight) { note.again = true; return false }
  note.inflight = true
  let saved = false
  try {
    const { status: code, data } = await post({ entry: note.entry, revision: note.revision, text })
    if (code === 200) {
      note.saved = text
      note.revision = data.revision + 1
      showProblem('')
      upsert({ ...data, author: panel.dataset.userName, text })
      if (box.value === text) {
        forget(note.entry)
        say(`Saved ${clock(data.saved_at)}`)
      } else {
        keep()
        say('Not saved yet — kept on this computer')
      }
      saved = true
    } else if (code === 400) {
      const message = (data.errors && (data.errors.notes || Object.values(data.errors)[0])) || data.detail || 'This note could not be saved.'
      showProblem(message)
      say('Not saved: change the note and it will be saved')
      // A refused credential must not stay on this computer either.
      if (data.credential) forget(note.entry)
    } else if (code === 403) {
      say('Not saved: you cannot add notes to this incident.')
    } else {
      say('Not saved yet — kept on this computer')
      schedule()
    }
  } catch (error) {
    say('Not saved yet — kept on this computer')
    schedule()
  } finally {
    note.inflight = false
  }
  if (note.again) { note.again = false; return save() }
  return saved
}

function schedule () {
  if (!note.timer) note.timer = setTimeout(save, SAVE_EVERY_MS)
}

async function startNew () {
  const saved = await save()
  if (!saved && box.value.trim() && box.value !== note.saved) {
    say('Not saved yet — kept on this computer. Try "Start a new note" again in a moment.')
    return
  }
  Object.assign(note, { entry: newEntry(), revision: 1, saved: '' })
  box.value = ''
  showProblem('')
  say('Nothing typed yet.')
  box.focus()
}

// Offering back what was typed but not saved ---------------------------------------------------

function offer (kept) {
  const area = panel.querySelector('#incident-notes-recovered')
  const block = document.createElement('div')
  block.className = 'govuk-warning-text haven-note-recovered'
  block.dataset.recoveredEntry = kept.entry
  const heading = document.createElement('p')
  heading.className = 'govuk-body govuk-!-font-weight-bold'
  heading.textContent = 'You typed this but it was not saved:'
  const text = document.createElement('blockquote')
  text.className = 'govuk-inset-text haven-note__text'
  text.textContent = kept.text
  const buttons = document.createElement('div')
  buttons.className = 'govuk-button-group'
  const saveIt = Object.assign(document.createElement('button'), { type: 'button', className: 'govuk-button', textContent: 'Save it now' })
  const discard = Object.assign(document.createElement('button'), { type: 'button', className: 'govuk-button govuk-button--warning', textContent: 'Discard' })
  buttons.append(saveIt, discard)
  block.append(heading, text, buttons)
  area.append(block)
  area.hidden = false
  saveIt.addEventListener('click', async () => {
    saveIt.disabled = true
    try {
      const { status: code, data } = await post({ entry: kept.entry, revision: kept.revision || 1, text: kept.text })
      if (code === 200) {
        forget(kept.entry)
        upsert({ ...data, author: panel.dataset.userName, text: kept.text })
        block.remove()
        say(`Saved ${clock(data.saved_at)}`)
        box.focus()
        return
      }
      heading.textContent = (data.errors && Object.values(data.errors)[0]) || data.detail || 'It could not be saved. Try again.'
    } catch (error) {
      heading.textContent = 'It could not be saved yet (no connection). Try again in a moment.'
    }
    saveIt.disabled = false
  })
  discard.addEventListener('click', () => {
    forget(kept.entry)
    block.remove()
    box.focus()
  })
}

function recover () {
  for (const kept of remembered()) {
    if (!kept.text || !kept.text.trim() || serverText(kept.entry) === kept.text) {
      forget(kept.entry) // saved after all (the answer was lost, not the save)
      continue
    }
    offer(kept)
  }
}

if (panel && list) {
  document.addEventListener('haven:incident-state', (event) => {
    for (const incoming of event.detail.notes || []) upsert({ ...incoming, revision: Number(incoming.revision) })
  })
}

if (panel && box) {
  box.setAttribute('aria-describedby', `${box.getAttribute('aria-describedby') || ''} incident-note-status`.trim())
  recover()
  box.addEventListener('input', () => {
    showProblem('')
    keep()
    say('Not saved yet — kept on this computer')
    schedule()
  })
  box.addEventListener('blur', () => { save() })
  panel.querySelector('#incident-note-new').addEventListener('click', startNew)
  window.addEventListener('pagehide', () => { keep(); if (box.value.trim() && box.value !== note.saved) save() })
}
