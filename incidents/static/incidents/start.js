// The start page (templates/incidents/start.html): as the worker types what the customer
// said, or changes the channel, the server proposes a plan again (incidents.proposal) and
// the plan buttons are redrawn, the proposed one first and primary. The proposal is never
// worked out here: the server's rules are the only rules.
const form = document.querySelector('#incident-start')

function button (plan) {
  const element = document.createElement('button')
  element.type = 'submit'
  element.name = 'protocol'
  element.value = plan.id
  element.className = plan.proposed ? 'govuk-button' : 'govuk-button govuk-button--secondary'
  element.dataset.module = 'govuk-button'
  element.dataset.plan = plan.id
  element.title = plan.title
  element.textContent = plan.button
  return element
}

function draw (proposal) {
  const reason = document.querySelector('#incident-proposal-reason')
  reason.textContent = proposal.proposed ? `Haven suggests this plan. ${proposal.reason}.` : `${proposal.reason}.`
  const group = document.querySelector('#incident-plans .govuk-button-group')
  group.replaceChildren(...proposal.plans.map(button))
}

let timer = null
let asked = 0

async function ask () {
  const data = new FormData(form)
  const query = new URLSearchParams({ said: data.get('said') || '', channel: data.get('channel') || '' })
  if (form.dataset.customer) query.set('customer', form.dataset.customer)
  const mine = ++asked
  try {
    const response = await fetch(`${form.dataset.proposalUrl}?${query}`, { credentials: 'same-origin', headers: { Accept: 'application/json' } })
    if (!response.ok || mine !== asked) return
    draw(await response.json())
  } catch (error) {
    // Offline for a moment: the buttons already there still start any plan.
  }
}

function soon () {
  clearTimeout(timer)
  timer = setTimeout(ask, 250)
}

if (form) {
  form.addEventListener('input', (event) => { if (event.target.name === 'said') soon() })
  form.addEventListener('change', (event) => { if (event.target.name === 'channel') ask() })
  // Typed before this script ran (a slow connection, or back to this page): ask now.
  const said = form.querySelector('[name=said]')
  if (said && said.value.trim()) ask()
}
