/**
 * Script lines the Entitlement and Virtual Currency requests share: the run's own entitlement
 * (`subcontract-{{run_id}}-pm-entl`) and currency (code `PM` and the run id's last eight
 * characters, name `subcontract-{{run_id}}-pm-vc`), made by a request's pre-request script when
 * the run has none yet, so that each operation passes alone, and deleted again by the last request
 * of each operation that needs one. A product of the project to attach is read from list-products.
 * The environment carries their ids (`pm_entitlement_id`, `pm_vc_code`, `pm_entitlement_product_id`).
 */
import { CALL, firstProductStep, inSequence, scriptPath } from './shared.ts'

/** The lookup key of the run's entitlement (the ledger keys entitlements by it). */
export const PM_ENTITLEMENT_KEY = 'subcontract-{{run_id}}-pm-entl'
/** The name of the run's virtual currency (the ledger keys currencies by it). */
export const PM_CURRENCY_NAME = 'subcontract-{{run_id}}-pm-vc'

/** The path of an operation, `{project_id}` and the catalog ids as the run's variables. */
const pathOf = (operationId: string) =>
  scriptPath(operationId, {
    entitlement_id: 'pm_entitlement_id',
    virtual_currency_code: 'pm_vc_code',
  })

/** The code of the run's currency, set once a run (letters and digits of the run id). */
export const PM_CODE = [
  "if (!pm.environment.get('pm_vc_code')) {",
  "  pm.environment.set('pm_vc_code', 'PM' + String(pm.environment.get('run_id')).replace(/[^A-Za-z0-9]/g, '').slice(-8));",
  '}',
]

/** What a request needs made first: the run's entitlement (with a product attached), currency. */
export interface Needs {
  entitlement?: boolean
  /** A product of the project in `pm_entitlement_product_id`. */
  product?: boolean
  /** That product attached to the run's entitlement. */
  attached?: boolean
  currency?: boolean
}

/** Pre-request lines that make what `needs` names, each only when the run has none yet. */
export function prepare(needs: Needs): string[] {
  const steps: string[] = []
  if (needs.product === true || needs.attached === true)
    steps.push(...firstProductStep('pm_entitlement_product_id', pathOf('list-products')))
  if (needs.entitlement === true || needs.attached === true)
    steps.push(
      "  function (next) { if (pm.environment.get('pm_entitlement_id')) return next();",
      `    call('setup: create-entitlement answers 201', 'POST', ${JSON.stringify(pathOf('create-entitlement'))}, [201], ${JSON.stringify({ lookup_key: PM_ENTITLEMENT_KEY, display_name: 'Subcontract Postman entitlement' })}, function (res) {`,
      "      pm.environment.set('pm_entitlement_id', res.json().id); next();",
      '    }); },',
    )
  if (needs.attached === true)
    steps.push(
      '  function (next) {',
      `    call('setup: attach-products-to-entitlement answers 200', 'POST', ${JSON.stringify(pathOf('attach-products-to-entitlement'))}, [200], { product_ids: [pm.environment.get('pm_entitlement_product_id')] }, function () { next(); });`,
      '  },',
    )
  if (needs.currency === true)
    steps.push(
      "  function (next) { if (pm.environment.get('pm_vc_made')) return next();",
      `    call('setup: create-virtual-currency answers 201', 'POST', ${JSON.stringify(pathOf('create-virtual-currency'))}, [201], { code: pm.environment.get('pm_vc_code'), name: ${JSON.stringify(PM_CURRENCY_NAME)} }, function () {`,
      "      pm.environment.set('pm_vc_made', 'true'); next();",
      '    }); },',
    )
  return [...(needs.currency === true ? PM_CODE : []), ...inSequence(steps)]
}

/** Test lines that delete the run's entitlement, when it has one. */
export const CLEANUP_ENTITLEMENT = [
  ...CALL,
  "if (pm.environment.get('pm_entitlement_id')) {",
  `  call('cleanup: delete-entitlement answers 200', 'DELETE', ${JSON.stringify(pathOf('delete-entitlement'))}, [200], undefined, function () {`,
  "    pm.environment.unset('pm_entitlement_id');",
  '  });',
  '}',
]

/** Test lines that delete the run's currency, when it has one. */
export const CLEANUP_CURRENCY = [
  ...CALL,
  "if (pm.environment.get('pm_vc_made')) {",
  `  call('cleanup: delete-virtual-currency answers 200', 'DELETE', ${JSON.stringify(pathOf('delete-virtual-currency'))}, [200], undefined, function () {`,
  "    pm.environment.unset('pm_vc_made');",
  '  });',
  '}',
]
