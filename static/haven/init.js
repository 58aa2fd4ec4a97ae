// Starts GOV.UK Frontend's components (error summary focus, skip link, header menu).
import { initAll } from '/static/govuk/govuk-frontend.min.js'
initAll()
