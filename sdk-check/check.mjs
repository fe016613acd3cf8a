// Drive the official TypeScript SDK (npm @dfns/sdk + @dfns/sdk-keysigner, unchanged) against the
// payouts-tui emulator.
//
// Usage: node check.mjs CREDENTIALS_DIR
// CREDENTIALS_DIR is the emulator's --credentials-dir (operator.env, operator2.env, viewer.env,
// *.pem, wallets.json). Only the SDK's public client talks to the Dfns routes; the emulator's own
// control routes (/_emulator/...) use plain fetch because they are not part of the Dfns API.
// Prints `ok - ...` / `not ok - ...: why` per check and `N passed, M failed` last; exit 1 on any
// failure.
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { randomBytes } from 'node:crypto'

// @dfns/sdk is CommonJS without an `exports` map: load it the way CommonJS users do.
const require = createRequire(import.meta.url)
const { DfnsApiClient, DfnsError } = require('@dfns/sdk')
const { AsymmetricKeySigner } = require('@dfns/sdk-keysigner')

const AWAITING = 'AwaitingPayoutConfirmation'
const TERMINAL = new Set(['Completed', 'Failed', 'Rejected', 'Expired', 'Canceled'])
const PAGE_LIMIT = 10
const MAX_PAGES = 1000 // bound the pagination loop even if a server never stops handing out tokens
const WAIT_MS = 15000 // wall-clock bound for a payout to reach AwaitingPayoutConfirmation

class CheckFailed extends Error {}

function expect(cond, why) {
  if (!cond) throw new CheckFailed(why)
}

let passed = 0
let failed = 0

function fail(what, why) {
  failed += 1
  console.log(`not ok - ${what}: ${String(why).split(/\s+/).join(' ')}`)
  return null
}

// Run one check; its value feeds later checks (null when it failed).
async function run(what, fn) {
  let result
  try {
    result = await fn()
  } catch (e) {
    if (e instanceof CheckFailed) return fail(what, e.message)
    if (e instanceof DfnsError) return fail(what, `unexpected DfnsError httpStatus=${e.httpStatus}: ${e.message}`)
    return fail(what, `${e?.name ?? 'Error'}: ${e?.message ?? e}`)
  }
  passed += 1
  console.log(`ok - ${what}`)
  return result ?? true
}

const skipAsFailed = (what, needs) => fail(what, `cannot run: ${needs} failed`)

function readEnv(path) {
  const env = {}
  for (const raw of readFileSync(path, 'utf8').split('\n')) {
    const line = raw.trim()
    if (!line || line.startsWith('#') || !line.includes('=')) continue
    const at = line.indexOf('=')
    env[line.slice(0, at).trim()] = line.slice(at + 1).trim().replace(/^['"]|['"]$/g, '')
  }
  return env
}

// The org id the token is scoped to (the SDK's optional org check reads the same claim).
function tokenOrgId(token) {
  const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8'))
  return payload?.['https://custom/app_metadata']?.orgId
}

function clientFor(env, orgId) {
  const signer = new AsymmetricKeySigner({
    credId: env.DFNS_CRED_ID,
    privateKey: readFileSync(env.DFNS_PRIVATE_KEY_FILE, 'utf8'),
  })
  return new DfnsApiClient({ baseUrl: env.DFNS_API_URL, authToken: env.DFNS_AUTH_TOKEN, orgId, signer })
}

async function control(base, method, path, body) {
  const res = await fetch(base.replace(/\/$/, '') + path, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(10000),
  })
  if (!res.ok) throw new Error(`${method} ${path} answered HTTP ${res.status}`)
  return res.json()
}

// Await the call, demand a DfnsError with that HTTP status whose message contains fragment.
async function expectError(fn, status, fragment) {
  let got
  try {
    got = await fn()
  } catch (e) {
    if (!(e instanceof DfnsError)) throw e
    expect(e.httpStatus === status, `expected HTTP ${status}, got ${e.httpStatus} (${JSON.stringify(e.message)})`)
    expect(
      (e.message ?? '').toLowerCase().includes(fragment.toLowerCase()),
      `message ${JSON.stringify(e.message)} does not mention ${JSON.stringify(fragment)}`,
    )
    return e
  }
  throw new CheckFailed(`expected HTTP ${status}, but the call succeeded with ${JSON.stringify(got).slice(0, 200)}`)
}

const isNumber = (v) => typeof v === 'number' && Number.isFinite(v)
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))

// Deep equality of JSON values, key order ignored.
function jsonEqual(a, b) {
  if (a === b) return true
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false
  if (Array.isArray(a) !== Array.isArray(b)) return false
  const ka = Object.keys(a)
  const kb = Object.keys(b)
  return ka.length === kb.length && ka.every((k) => Object.hasOwn(b, k) && jsonEqual(a[k], b[k]))
}

async function main() {
  if (process.argv.length !== 3) {
    console.error('usage: node check.mjs CREDENTIALS_DIR')
    return 2
  }
  const creds = process.argv[2]
  const opEnv = readEnv(join(creds, 'operator.env'))
  const base = opEnv.DFNS_API_URL
  const wallets = JSON.parse(readFileSync(join(creds, 'wallets.json'), 'utf8'))
  const runId = `${Date.now()}-${randomBytes(4).toString('hex')}`

  const orgId = await run("client with orgId from the token's app_metadata passes the SDK's org check", async () => {
    const id = tokenOrgId(opEnv.DFNS_AUTH_TOKEN)
    expect(typeof id === 'string' && id.startsWith('or-'), `token app_metadata.orgId is ${JSON.stringify(id)}`)
    await clientFor(opEnv, id).payouts.listPayouts({ query: { limit: 1 } })
    return id
  })
  const op = clientFor(opEnv, orgId ?? undefined)
  const op2 = clientFor(readEnv(join(creds, 'operator2.env')))
  const viewer = clientFor(readEnv(join(creds, 'viewer.env')))

  // 1. every page of the list
  const items = await run(
    'listPayouts: all pages (limit 10, nextPageToken -> paginationToken) match stats, unique ids',
    async () => {
      const before = (await control(base, 'GET', '/_emulator/stats')).payouts
      const all = []
      let token
      let pages = 0
      for (;;) {
        pages += 1
        expect(pages <= MAX_PAGES, `more than ${MAX_PAGES} pages: the token never runs out`)
        const query = { limit: PAGE_LIMIT }
        if (token) query.paginationToken = token
        const page = await op.payouts.listPayouts({ query })
        expect(Array.isArray(page.items), `page ${pages} has no items array`)
        expect(page.items.length <= PAGE_LIMIT, `page ${pages} holds ${page.items.length} > ${PAGE_LIMIT} items`)
        all.push(...page.items)
        token = page.nextPageToken
        if (!token) break
      }
      const after = (await control(base, 'GET', '/_emulator/stats')).payouts
      const ids = all.map((p) => p.id)
      expect(new Set(ids).size === ids.length, `${ids.length - new Set(ids).size} duplicate ids across pages`)
      expect(
        ids.length === before && before === after,
        `listed ${ids.length} payouts over ${pages} pages, stats says ${before} (then ${after})`,
      )
      return all
    },
  )

  // 2. one payout by id equals its list item (a finished one: it cannot move meanwhile)
  if (items) {
    await run('getPayout: equals the list item', async () => {
      const finished = items.filter((p) => TERMINAL.has(p.status))
      const item = (finished.length ? finished : items)[0]
      expect(item, 'the list is empty')
      const got = await op.payouts.getPayout({ payoutId: item.id })
      if (TERMINAL.has(item.status)) {
        expect(jsonEqual(got, item), `getPayout(${item.id}) differs from the list item`)
      } else {
        for (const key of ['id', 'walletId', 'asset', 'fiatCurrency', 'requester', 'dateCreated', 'provider']) {
          expect(jsonEqual(got[key], item[key]), `field ${key} differs from the list item`)
        }
      }
    })
  } else {
    skipAsFailed('getPayout: equals the list item', 'the list check')
  }

  // 3. quote for a token the wallet holds
  async function pickAsset() {
    // Prefer wallets without a transfer-approval policy so a confirm is not held for approval.
    const hasPolicy = (w) => (w.tags ?? []).some((t) => t.includes('policy'))
    const ordered = [...wallets].sort((a, b) => hasPolicy(a) - hasPolicy(b))
    for (const w of ordered) {
      const { assets = [] } = await op.wallets.getWalletAssets({ walletId: w.id })
      const token = assets.find((a) => ['Erc20', 'Spl', 'Spl2022'].includes(a.kind) && (a.contract || a.mint))
      if (token) return [w, token]
    }
    throw new CheckFailed('no wallet in wallets.json holds an Erc20/Spl/Spl2022 token')
  }

  const units = (token, n) => (BigInt(n) * 10n ** BigInt(token.decimals)).toString()
  const assetBody = (token, amount) =>
    token.kind === 'Erc20'
      ? { kind: token.kind, amount, contract: token.contract }
      : { kind: token.kind, amount, mint: token.mint }

  const picked = await run('createPayoutQuote: provider, asset.network, metadata.decimals, numeric offer', async () => {
    const [wallet, token] = await pickAsset()
    const amount = units(token, 25)
    const q = await op.payouts.createPayoutQuote({
      body: {
        walletId: wallet.id,
        asset: assetBody(token, amount),
        fiatCurrency: 'USD',
        provider: 'Borderless',
        country: 'US',
      },
    })
    expect(q.provider === 'Borderless', `provider is ${JSON.stringify(q.provider)}`)
    const asset = q.asset ?? {}
    expect(asset.network === wallet.network, `asset.network ${asset.network} != ${wallet.network}`)
    const decimals = asset.metadata?.decimals
    expect(isNumber(decimals) && decimals === token.decimals, `asset.metadata.decimals is ${JSON.stringify(decimals)}`)
    expect(asset.amount === amount, `asset.amount ${JSON.stringify(asset.amount)} != ${amount}`)
    expect(typeof q.timestamp === 'string', 'timestamp is not a string')
    const offer = q.quotes?.[0]?.offer ?? {}
    expect(isNumber(offer.amount), `quotes[0].offer.amount is ${JSON.stringify(offer.amount)}, not a number`)
    expect(isNumber(offer.fees), `quotes[0].offer.fees is ${JSON.stringify(offer.fees)}, not a number`)
    expect(offer.amount >= 0 && offer.fees >= 0, `negative offer ${JSON.stringify(offer)}`)
    return [wallet, token]
  })
  if (!picked) {
    skipAsFailed('create/confirm/cancel/refusal checks', 'picking a wallet and token for the quote')
    return 1
  }
  const [wallet, token] = picked

  const createBody = (n, externalId) => ({
    walletId: wallet.id,
    asset: assetBody(token, units(token, n)),
    fiatCurrency: 'USD',
    provider: 'Borderless',
    country: 'US',
    borderlessAccountId: 'bacc-sdkcheck',
    paymentInstructionsId: 'pi-sdkcheck',
    paymentPurpose: 'salary payment',
    ...(externalId ? { externalId } : {}),
  })
  const confirmBody = (payout, to) => ({
    action: 'Confirm',
    walletId: payout.walletId,
    transfer: { ...assetBody(token, payout.asset.amount), to },
  })

  async function waitAwaiting(payoutId) {
    await control(base, 'POST', '/_emulator/clock/advance', { seconds: 60 })
    const deadline = Date.now() + WAIT_MS
    for (;;) {
      const p = await op.payouts.getPayout({ payoutId })
      if (p.data?.executionStatus === AWAITING && p.data?.depositAddress) return p
      expect(
        Date.now() < deadline,
        `${payoutId} still ${p.data?.executionStatus} (depositAddress ${p.data?.depositAddress}) ` +
          `${WAIT_MS / 1000}s after advancing the clock 60s`,
      )
      await sleep(200)
    }
  }

  // 4. idempotent create by externalId, conflict on a changed body
  const ext = `sdk-check-js-${runId}`
  const created = await run('createPayout twice with the same externalId and body: same payout id', async () => {
    const first = await op.payouts.createPayout({ body: createBody(30, ext) })
    expect(typeof first.id === 'string' && first.id.startsWith('pyt-'), `created payout id ${first.id}`)
    expect(first.externalId === ext, `externalId ${first.externalId}`)
    const again = await op.payouts.createPayout({ body: createBody(30, ext) })
    expect(again.id === first.id, `retry returned ${again.id}, first was ${first.id}`)
    return first
  })

  await run('createPayout: same externalId, different amount -> DfnsError 409 with message', async () => {
    const e = await expectError(() => op.payouts.createPayout({ body: createBody(31, ext) }), 409, 'externalId')
    expect(e.message, 'the 409 carries no message')
  })

  // 5. deposit address, then confirm
  const confirmWhat = 'advance 60s, poll to AwaitingPayoutConfirmation, confirm -> {}, status moves on'
  if (created) {
    await run(confirmWhat, async () => {
      const p = await waitAwaiting(created.id)
      const resp = await op.payouts.createPayoutAction({
        payoutId: p.id,
        body: confirmBody(p, p.data.depositAddress),
      })
      expect(jsonEqual(resp, {}), `confirm answered ${JSON.stringify(resp)}, expected {}`)
      const after = await op.payouts.getPayout({ payoutId: p.id })
      expect(after.data?.executionStatus !== AWAITING, `executionStatus still ${after.data?.executionStatus} after confirm`)
    })
  } else {
    skipAsFailed(confirmWhat, 'createPayout')
  }

  // 6. cancel
  await run('create, wait for deposit address, cancel -> status Canceled', async () => {
    const p = await waitAwaiting((await op.payouts.createPayout({ body: createBody(12, `${ext}-cancel`) })).id)
    const resp = await op.payouts.createPayoutAction({ payoutId: p.id, body: { action: 'Cancel' } })
    expect(jsonEqual(resp, {}), `cancel answered ${JSON.stringify(resp)}, expected {}`)
    const after = await op.payouts.getPayout({ payoutId: p.id })
    expect(after.status === 'Canceled', `status ${after.status} after cancel`)
  })

  // 7. refusals
  const awaiting = await run('create a fresh payout and wait for its deposit address', async () =>
    waitAwaiting((await op.payouts.createPayout({ body: createBody(7, `${ext}-refusals`) })).id),
  )
  const requesterOnly = 'only the payout requester can perform this action'
  const refusals = [
    ['confirm with a wrong transfer.to -> DfnsError 400 about the deposit address', async () => {
      const good = awaiting.data.depositAddress
      const wrong = good.slice(0, -4) + (good.endsWith('0000') ? '1111' : '0000')
      await expectError(
        () => op.payouts.createPayoutAction({ payoutId: awaiting.id, body: confirmBody(awaiting, wrong) }),
        400,
        'deposit address',
      )
    }],
    ['operator2 (P-256) confirms operator\'s payout -> DfnsError 403 requester only', async () => {
      const body = confirmBody(awaiting, awaiting.data.depositAddress)
      await expectError(() => op2.payouts.createPayoutAction({ payoutId: awaiting.id, body }), 403, requesterOnly)
    }],
    ['operator2 (P-256) cancels operator\'s payout -> DfnsError 403 requester only', async () => {
      await expectError(
        () => op2.payouts.createPayoutAction({ payoutId: awaiting.id, body: { action: 'Cancel' } }),
        403,
        requesterOnly,
      )
    }],
    ['refused actions left the payout AwaitingPayoutConfirmation', async () => {
      const p = await op.payouts.getPayout({ payoutId: awaiting.id })
      expect(p.data?.executionStatus === AWAITING, `executionStatus ${p.data?.executionStatus} after the refused actions`)
    }],
  ]
  for (const [what, fn] of refusals) {
    if (awaiting) await run(what, fn)
    else skipAsFailed(what, 'the fresh awaiting payout')
  }

  await run('viewer (no Payouts:Create) createPayout -> DfnsError 403', async () => {
    // The refusal names the missing permission, as Dfns's own 403s do.
    await expectError(() => viewer.payouts.createPayout({ body: createBody(5, `${ext}-viewer`) }), 403, 'Payouts:Create')
  })

  await approvalsChecks({ op, op2, viewer, opEnv, creds, ext, waitAwaiting })
  return failed ? 1 : 0
}

// The user id in the token's app_metadata claim (the SDKs read the same claim).
function tokenUserId(token) {
  const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8'))
  return payload?.['https://custom/app_metadata']?.userId
}

const APPROVAL_STATUSES = new Set(['Pending', 'Approved', 'Denied', 'Expired'])
const HELD = 'PendingPolicyApproval'

// Policy approvals: list, read and decide through policies.* and wallets.getTransfer.
async function approvalsChecks({ op, op2, viewer, opEnv, creds, ext, waitAwaiting }) {
  const opUser = tokenUserId(opEnv.DFNS_AUTH_TOKEN)
  const op2User = tokenUserId(readEnv(join(creds, 'operator2.env')).DFNS_AUTH_TOKEN)
  const wallets = JSON.parse(readFileSync(join(creds, 'wallets.json'), 'utf8'))

  const listed = await run("viewer listApprovals: all pages (limit '5'), unique ids, SDK shape", async () => {
    const all = []
    let token
    let pages = 0
    for (;;) {
      pages += 1
      expect(pages <= MAX_PAGES, `more than ${MAX_PAGES} pages: the token never runs out`)
      const query = { limit: '5' } // typed as a string in the SDK
      if (token) query.paginationToken = token
      const page = await viewer.policies.listApprovals({ query })
      expect(Array.isArray(page.items), `page ${pages} has no items array`)
      expect(page.items.length <= 5, `page ${pages} holds ${page.items.length} > 5 items`)
      all.push(...page.items)
      token = page.nextPageToken
      if (!token) break
    }
    const ids = all.map((a) => a.id)
    expect(ids.length && new Set(ids).size === ids.length, `${ids.length} ids, ${new Set(ids).size} unique`)
    for (const a of all) {
      expect(APPROVAL_STATUSES.has(a.status), `${a.id} status ${a.status}`)
      expect(typeof a.activity?.kind === 'string', `${a.id} has no activity.kind`)
      expect(Array.isArray(a.policyEvaluations) && Array.isArray(a.decisions), `${a.id} lacks evaluations or decisions`)
    }
    return all
  })

  const getWhat = 'getApproval equals its list item; getPolicy/listPolicies give the quorum'
  if (listed) {
    await run(getWhat, async () => {
      const settled = listed.find((a) => a.status !== 'Pending')
      expect(settled, 'no settled approval to compare')
      const got = await viewer.policies.getApproval({ approvalId: settled.id })
      expect(jsonEqual(got, settled), `getApproval(${settled.id}) differs from the list item`)
      const policyId = got.policyEvaluations[0].policyId
      const policy = await viewer.policies.getPolicy({ policyId })
      const groups = policy.action?.approvalGroups ?? []
      expect(groups[0]?.quorum === 1, `policy ${policyId} groups ${JSON.stringify(groups)}`)
      const { items = [] } = await viewer.policies.listPolicies({})
      expect(items.some((p) => p.id === policyId), `listPolicies lacks ${policyId}`)
    })
  } else {
    skipAsFailed(getWhat, 'listApprovals')
  }

  await run('listApprovals filters: status + initiatorId, approverId', async () => {
    const { items } = await viewer.policies.listApprovals({ query: { status: 'Pending', initiatorId: opUser } })
    expect(items.length, 'no Pending approval initiated by operator')
    expect(items.every((a) => a.status === 'Pending' && a.initiatorId === opUser), 'filter leaked')
    const mine = await viewer.policies.listApprovals({ query: { status: 'Pending', approverId: op2User } })
    expect(mine.items.some((a) => a.initiatorId === opUser), 'operator2 awaits no approval of operator')
  })

  async function pickPolicyAsset() {
    for (const w of wallets) {
      if (!(w.tags ?? []).some((t) => t.includes('policy'))) continue
      const { assets = [] } = await op.wallets.getWalletAssets({ walletId: w.id })
      const token = assets.find((a) => ['Erc20', 'Spl', 'Spl2022'].includes(a.kind) && (a.contract || a.mint))
      if (token) return [w, token]
    }
    throw new CheckFailed('no wallet with a policy holds a payout token')
  }

  async function held(label) {
    const [w, token] = await pickPolicyAsset()
    const asset = { kind: token.kind, amount: (6000n * 10n ** BigInt(token.decimals)).toString() }
    if (token.kind === 'Erc20') asset.contract = token.contract
    else asset.mint = token.mint
    const created = await op.payouts.createPayout({
      body: {
        walletId: w.id,
        asset,
        fiatCurrency: 'USD',
        provider: 'Borderless',
        country: 'US',
        borderlessAccountId: 'bacc-sdkcheck',
        paymentInstructionsId: 'pi-sdkcheck',
        paymentPurpose: 'salary payment',
        externalId: `${ext}-${label}`,
      },
    })
    const p = await waitAwaiting(created.id)
    await op.payouts.createPayoutAction({
      payoutId: p.id,
      body: { action: 'Confirm', walletId: w.id, transfer: { ...asset, to: p.data.depositAddress } },
    })
    const after = await op.payouts.getPayout({ payoutId: p.id })
    expect(after.data?.executionStatus === HELD, `executionStatus ${after.data?.executionStatus}, expected ${HELD}`)
    const transferId = after.data?.transferId
    expect(typeof transferId === 'string' && transferId.startsWith('xfr-'), `data.transferId ${transferId}`)
    const t = await op.wallets.getTransfer({ walletId: w.id, transferId })
    expect(t.status === 'Pending', `transfer status ${t.status}`)
    const a = await op.policies.getApproval({ approvalId: t.approvalId })
    expect(a.status === 'Pending' && a.initiatorId === opUser, `approval ${a.id} ${a.status}`)
    expect(a.activity?.transferRequest?.id === transferId, 'the approval holds another transfer')
    const reason = a.policyEvaluations?.[0]?.reason ?? ''
    expect(reason.includes('is above limit (USD 5,000.00)'), `reason ${JSON.stringify(reason)}`)
    return [after, a]
  }

  const pair = await run('confirm 6,000 on a policy wallet -> PendingPolicyApproval, transferId, Pending approval', () =>
    held('held'),
  )
  const steps = [
    ['operator approves its own held transfer -> DfnsError 403 (initiator cannot approve)', async () => {
      const [, a] = pair
      await expectError(
        () => op.policies.createApprovalDecision({ approvalId: a.id, body: { value: 'Approved' } }),
        403,
        'initiator',
      )
    }],
    ['viewer createApprovalDecision -> DfnsError 403 Policies:Approvals:Approve', async () => {
      const [, a] = pair
      await expectError(
        () => viewer.policies.createApprovalDecision({ approvalId: a.id, body: { value: 'Denied' } }),
        403,
        'Policies:Approvals:Approve',
      )
    }],
    ["operator2 (P-256) approves operator's held payout -> Approved, the payout moves on", async () => {
      const [p, a] = pair
      const got = await op2.policies.createApprovalDecision({
        approvalId: a.id,
        body: { value: 'Approved', reason: 'checked' },
      })
      expect(got.status === 'Approved', `status ${got.status} after operator2 approved (quorum 1)`)
      const d = got.decisions ?? []
      expect(d.length === 1 && d[0].userId === op2User && d[0].value === 'Approved', `decisions ${JSON.stringify(d)}`)
      const after = await op.payouts.getPayout({ payoutId: p.id })
      const status = after.data?.executionStatus
      expect(status !== HELD && status !== AWAITING, `payout still ${status} after the approval`)
      const t = await op.wallets.getTransfer({ walletId: p.walletId, transferId: p.data.transferId })
      expect(['Executing', 'Broadcasted', 'Confirmed'].includes(t.status), `transfer ${t.status}`)
    }],
    ['a decision on a settled approval -> DfnsError 400', async () => {
      const [, a] = pair
      await expectError(
        () => op.policies.createApprovalDecision({ approvalId: a.id, body: { value: 'Denied' } }),
        400,
        'not pending',
      )
    }],
  ]
  for (const [what, fn] of steps) {
    if (pair) await run(what, fn)
    else skipAsFailed(what, 'the held payout')
  }

  await run('operator denies its own held payout -> Denied, payout Rejected with the reason', async () => {
    const [p, a] = await held('deny')
    const got = await op.policies.createApprovalDecision({
      approvalId: a.id,
      body: { value: 'Denied', reason: 'wrong beneficiary' },
    })
    expect(got.status === 'Denied', `status ${got.status}`)
    const after = await op.payouts.getPayout({ payoutId: p.id })
    expect(after.status === 'Rejected', `payout ${after.status} after the denial`)
    const why = after.data?.statusReason ?? ''
    expect(why.includes('wrong beneficiary'), `statusReason ${JSON.stringify(why)}`)
  })
}

let code
try {
  code = await main()
} catch (e) {
  // Setup errors (missing credential files, unreadable keys) end the run as one failed check.
  fail('setup', `${e?.name ?? 'Error'}: ${e?.message ?? e}`)
  code = 1
}
if (code !== 2) console.log(`${passed} passed, ${failed} failed`)
process.exitCode = code
