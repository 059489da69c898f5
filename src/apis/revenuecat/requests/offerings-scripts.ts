/**
 * Script lines the Offering, Package and Paywall requests share: the run's own offering
 * (`subcontract-{{run_id}}-pm-offering`), its package (`subcontract-{{run_id}}-pm-package`), a
 * product of the project attached to it, and the offering's paywall, each made by a request's
 * pre-request script when the run has none yet, so that each operation passes alone. The last
 * request of each operation deletes the offering again (its package and paywall go with it,
 * S-40). The environment carries their ids (`pm_offering_id`, `pm_package_id`,
 * `pm_package_product_id`, `pm_paywall_id`). No request here changes which offering is current.
 */
import { CALL, firstProductStep, inSequence, scriptPath } from './shared.ts'

/** The lookup key of the run's offering (the ledger keys offerings by it). */
export const PM_OFFERING_KEY = 'subcontract-{{run_id}}-pm-offering'
/** The lookup key of the run's package (the ledger keys packages by it). */
export const PM_PACKAGE_KEY = 'subcontract-{{run_id}}-pm-package'

/** The path of an operation, the project and the run's objects as its variables. */
const pathOf = (operationId: string) =>
  scriptPath(operationId, {
    offering_id: 'pm_offering_id',
    package_id: 'pm_package_id',
    paywall_id: 'pm_paywall_id',
  })

/** What a request needs made first. Each implies the ones it is made in. */
export interface Needs {
  offering?: boolean
  package?: boolean
  /** A product of the project in `pm_package_product_id`. */
  product?: boolean
  /** That product attached to the run's package. */
  attached?: boolean
  paywall?: boolean
}

/** Pre-request lines that make what `needs` names, each only when the run has none yet. */
export function prepare(needs: Needs): string[] {
  const pkg = needs.package === true || needs.attached === true
  const offering = needs.offering === true || pkg || needs.paywall === true
  const product = needs.product === true || needs.attached === true
  const steps: string[] = []
  if (offering)
    steps.push(
      "  function (next) { if (pm.environment.get('pm_offering_id')) return next();",
      `    call('setup: create-offering answers 201', 'POST', ${JSON.stringify(pathOf('create-offering'))}, [201], ${JSON.stringify({ lookup_key: PM_OFFERING_KEY, display_name: 'Subcontract Postman offering' })}, function (res) {`,
      "      pm.environment.set('pm_offering_id', res.json().id); next();",
      '    }); },',
    )
  if (pkg)
    steps.push(
      "  function (next) { if (pm.environment.get('pm_package_id')) return next();",
      `    call('setup: create-packages answers 201', 'POST', ${JSON.stringify(pathOf('create-packages'))}, [201], ${JSON.stringify({ lookup_key: PM_PACKAGE_KEY, display_name: 'Subcontract Postman package', position: 1 })}, function (res) {`,
      "      pm.environment.set('pm_package_id', res.json().id); next();",
      '    }); },',
    )
  if (product) steps.push(...firstProductStep('pm_package_product_id', pathOf('list-products')))
  if (needs.attached === true)
    steps.push(
      '  function (next) {',
      `    call('setup: attach-products-to-package answers 200', 'POST', ${JSON.stringify(pathOf('attach-products-to-package'))}, [200], { products: [{ product_id: pm.environment.get('pm_package_product_id'), eligibility_criteria: 'all' }] }, function () { next(); });`,
      '  },',
    )
  if (needs.paywall === true)
    steps.push(
      "  function (next) { if (pm.environment.get('pm_paywall_id')) return next();",
      `    call('setup: create-paywall answers 201', 'POST', ${JSON.stringify(pathOf('create-paywall'))}, [201], { offering_id: pm.environment.get('pm_offering_id') }, function (res) {`,
      "      pm.environment.set('pm_paywall_id', res.json().id); next();",
      '    }); },',
    )
  return inSequence(steps)
}

/** Test lines that delete the run's offering (with its package and paywall), when it has one. */
export const CLEANUP_OFFERING = [
  ...CALL,
  "if (pm.environment.get('pm_offering_id')) {",
  `  call('cleanup: delete-offering answers 200', 'DELETE', ${JSON.stringify(pathOf('delete-offering'))}, [200], undefined, function () {`,
  "    pm.environment.unset('pm_offering_id');",
  "    pm.environment.unset('pm_package_id');",
  "    pm.environment.unset('pm_paywall_id');",
  '  });',
  '}',
]
