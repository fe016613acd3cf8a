"""Drive the official Python SDK (PyPI dfns-sdk, unchanged) against the payouts-tui emulator.

Usage: check.py CREDENTIALS_DIR
CREDENTIALS_DIR is the emulator's --credentials-dir (operator.env, operator2.env, viewer.env,
*.pem, wallets.json). Only the SDK's public client talks to the Dfns routes; the emulator's
own control routes (/_emulator/...) are plain HTTP because they are not part of the Dfns API.
Prints `ok - ...` / `not ok - ...: why` per check and `N passed, M failed` last; exit 1 on any
failure.
"""

import base64
import json
import sys
import time
import urllib.request
import uuid
from pathlib import Path

from dfns_sdk import DfnsClient, DfnsClientConfig, DfnsError, KeySigner

AWAITING = "AwaitingPayoutConfirmation"
TERMINAL = {"Completed", "Failed", "Rejected", "Expired", "Canceled"}
PAGE_LIMIT = 10
MAX_PAGES = 1000  # bound the pagination loop even if a server never stops handing out tokens
WAIT_SECONDS = 15.0  # wall-clock bound for a payout to reach AwaitingPayoutConfirmation


class CheckFailed(Exception):
    pass


def expect(cond, why):
    if not cond:
        raise CheckFailed(why)


class Runner:
    def __init__(self):
        self.passed = 0
        self.failed = 0

    def run(self, what, fn):
        """Run one check; its return value feeds later checks (None when it failed)."""
        try:
            result = fn()
        except CheckFailed as e:
            return self._fail(what, str(e))
        except DfnsError as e:
            return self._fail(what, f"unexpected DfnsError status={e.status_code}: {e.message}")
        except Exception as e:  # any SDK or transport error is a failed check, not a crash
            return self._fail(what, f"{type(e).__name__}: {e}")
        self.passed += 1
        print(f"ok - {what}", flush=True)
        return result if result is not None else True

    def skip_as_failed(self, what, needs):
        return self._fail(what, f"cannot run: {needs} failed")

    def _fail(self, what, why):
        self.failed += 1
        why = " ".join(why.split())  # one line per check
        print(f"not ok - {what}: {why}", flush=True)
        return None


def read_env(path):
    env = {}
    for line in Path(path).read_text().splitlines():
        line = line.strip()
        if not line or line.startswith("#") or "=" not in line:
            continue
        key, value = line.split("=", 1)
        env[key.strip()] = value.strip().strip("'\"")
    return env


def client_for(env):
    pem = Path(env["DFNS_PRIVATE_KEY_FILE"]).read_text()
    signer = KeySigner(credential_id=env["DFNS_CRED_ID"], private_key=pem)
    return DfnsClient(
        DfnsClientConfig(auth_token=env["DFNS_AUTH_TOKEN"], base_url=env["DFNS_API_URL"], signer=signer)
    )


def control(base, method, path, body=None):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(base.rstrip("/") + path, data=data, method=method)
    if data is not None:
        req.add_header("Content-Type", "application/json")
    with urllib.request.urlopen(req, timeout=10) as resp:
        return json.loads(resp.read() or b"null")


def expect_error(fn, status, fragment):
    """Call fn, demand a DfnsError with that HTTP status whose message contains fragment."""
    try:
        got = fn()
    except DfnsError as e:
        expect(e.status_code == status, f"expected HTTP {status}, got {e.status_code} ({e.message!r})")
        expect(
            fragment.lower() in (e.message or "").lower(),
            f"message {e.message!r} does not mention {fragment!r}",
        )
        return e
    raise CheckFailed(f"expected HTTP {status}, but the call succeeded with {json.dumps(got)[:200]}")


def is_number(v):
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def user_of(env):
    """The user id in the token's app_metadata claim (the SDKs read the same claim)."""
    payload = env["DFNS_AUTH_TOKEN"].split(".")[1]
    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    return claims["https://custom/app_metadata"]["userId"]


APPROVAL_STATUSES = {"Pending", "Approved", "Denied", "Expired"}
HELD = "PendingPolicyApproval"


def approvals_checks(r, base, op, op2, viewer, op_env, creds, wallets, ext, wait_awaiting):
    """Policy approvals: list, read, and decide through policies.* and wallets.get_transfer."""
    op_user = user_of(op_env)
    op2_user = user_of(read_env(creds / "operator2.env"))

    def list_all():
        items, token, pages = [], None, 0
        while True:
            pages += 1
            expect(pages <= MAX_PAGES, f"more than {MAX_PAGES} pages: the token never runs out")
            query = {"limit": "5"}  # typed as a string in the SDK
            if token:
                query["paginationToken"] = token
            page = viewer.policies.list_approvals(query)
            expect(isinstance(page.get("items"), list), f"page {pages} has no items array")
            expect(len(page["items"]) <= 5, f"page {pages} holds {len(page['items'])} > 5 items")
            items.extend(page["items"])
            token = page.get("nextPageToken")
            if not token:
                break
        ids = [a["id"] for a in items]
        expect(ids and len(set(ids)) == len(ids), f"{len(ids)} ids, {len(set(ids))} unique")
        for a in items:
            expect(a.get("status") in APPROVAL_STATUSES, f"{a['id']} status {a.get('status')!r}")
            expect(isinstance((a.get("activity") or {}).get("kind"), str), f"{a['id']} has no activity.kind")
            expect(isinstance(a.get("policyEvaluations"), list), f"{a['id']} has no policyEvaluations")
            expect(isinstance(a.get("decisions"), list), f"{a['id']} has no decisions")
        return items

    listed = r.run("viewer list_approvals: all pages (limit '5'), unique ids, SDK shape", list_all)

    def get_equals_list():
        settled = [a for a in listed if a["status"] != "Pending"]
        expect(settled, "no settled approval to compare")
        got = viewer.policies.get_approval(settled[0]["id"])
        expect(got == settled[0], f"get_approval({settled[0]['id']}) differs from the list item")
        policy_id = got["policyEvaluations"][0]["policyId"]
        policy = viewer.policies.get_policy(policy_id)
        groups = (policy.get("action") or {}).get("approvalGroups") or []
        expect(groups and groups[0].get("quorum") == 1, f"policy {policy_id} groups {groups!r}")
        listed_ids = [p["id"] for p in viewer.policies.list_policies().get("items", [])]
        expect(policy_id in listed_ids, f"list_policies lacks {policy_id}")

    if listed:
        r.run("get_approval equals its list item; get_policy/list_policies give the quorum", get_equals_list)
    else:
        r.skip_as_failed("get_approval equals its list item", "list_approvals")

    def filters():
        camel = viewer.policies.list_approvals({"status": "Pending", "initiatorId": op_user})["items"]
        expect(camel, "no Pending approval initiated by operator")
        expect(all(a["status"] == "Pending" and a["initiatorId"] == op_user for a in camel), "filter leaked")
        # The SDK's TypedDict names are sent as given: snake_case must work too.
        snake = viewer.policies.list_approvals({"status": "Pending", "initiator_id": op_user})["items"]
        expect([a["id"] for a in snake] == [a["id"] for a in camel], "snake_case filter differs")
        mine = viewer.policies.list_approvals({"status": "Pending", "approverId": op2_user})["items"]
        expect(any(a["initiatorId"] == op_user for a in mine), "operator2 awaits no approval of operator")

    r.run("list_approvals filters: status + initiatorId (camelCase and snake_case), approverId", filters)

    def pick_policy_asset():
        for w in wallets:
            if not any("policy" in t for t in w.get("tags", [])):
                continue
            for a in op.wallets.get_wallet_assets(w["id"]).get("assets", []):
                if a.get("kind") in ("Erc20", "Spl", "Spl2022") and (a.get("contract") or a.get("mint")):
                    return w, a
        raise CheckFailed("no wallet with a policy holds a payout token")

    def held(label):
        w, token = pick_policy_asset()
        asset = {"kind": token["kind"], "amount": str(6000 * 10 ** int(token["decimals"]))}
        asset["contract" if token["kind"] == "Erc20" else "mint"] = token.get("contract") or token.get("mint")
        p = op.payouts.create_payout(
            {
                "walletId": w["id"],
                "asset": asset,
                "fiatCurrency": "USD",
                "provider": "Borderless",
                "country": "US",
                "borderlessAccountId": "bacc-sdkcheck",
                "paymentInstructionsId": "pi-sdkcheck",
                "paymentPurpose": "salary payment",
                "externalId": f"{ext}-{label}",
            }
        )
        p = wait_awaiting(p["id"])
        transfer = dict(asset, to=p["data"]["depositAddress"])
        op.payouts.create_payout_action(p["id"], {"action": "Confirm", "walletId": w["id"], "transfer": transfer})
        after = op.payouts.get_payout(p["id"])
        data = after.get("data") or {}
        expect(data.get("executionStatus") == HELD, f"executionStatus {data.get('executionStatus')!r}, expected {HELD}")
        xfr = data.get("transferId")
        expect(isinstance(xfr, str) and xfr.startswith("xfr-"), f"data.transferId {xfr!r}")
        t = op.wallets.get_transfer(w["id"], xfr)
        expect(t.get("status") == "Pending", f"transfer status {t.get('status')!r}")
        a = op.policies.get_approval(t.get("approvalId"))
        expect(a["status"] == "Pending" and a["initiatorId"] == op_user, f"approval {a['id']} {a['status']}")
        expect(a["activity"]["transferRequest"]["id"] == xfr, "the approval holds another transfer")
        reason = a["policyEvaluations"][0]["reason"]
        expect("is above limit (USD 5,000.00)" in reason, f"reason {reason!r}")
        return after, a

    pair = r.run("confirm 6,000 on a policy wallet -> PendingPolicyApproval, transferId, Pending approval", lambda: held("held"))

    def initiator_refused():
        _, a = pair
        expect_error(lambda: op.policies.create_approval_decision(a["id"], {"value": "Approved"}), 403, "initiator")

    def viewer_refused():
        _, a = pair
        expect_error(
            lambda: viewer.policies.create_approval_decision(a["id"], {"value": "Denied"}), 403, "Policies:Approvals:Approve"
        )

    def op2_approves():
        p, a = pair
        got = op2.policies.create_approval_decision(a["id"], {"value": "Approved", "reason": "checked"})
        expect(got["status"] == "Approved", f"status {got['status']!r} after operator2 approved (quorum 1)")
        d = got["decisions"]
        expect(len(d) == 1 and d[0]["userId"] == op2_user and d[0]["value"] == "Approved", f"decisions {d!r}")
        after = op.payouts.get_payout(p["id"])
        status = (after.get("data") or {}).get("executionStatus")
        expect(status not in (HELD, AWAITING), f"payout still {status!r} after the approval")
        t = op.wallets.get_transfer(p["walletId"], p["data"]["transferId"])
        expect(t.get("status") in ("Executing", "Broadcasted", "Confirmed"), f"transfer {t.get('status')!r}")

    def settled_refused():
        _, a = pair
        expect_error(lambda: op.policies.create_approval_decision(a["id"], {"value": "Denied"}), 400, "not pending")

    steps = [
        ("operator approves its own held transfer -> DfnsError 403 (initiator cannot approve)", initiator_refused),
        ("viewer create_approval_decision -> DfnsError 403 Policies:Approvals:Approve", viewer_refused),
        ("operator2 (P-256) approves operator's held payout -> Approved, the payout moves on", op2_approves),
        ("a decision on a settled approval -> DfnsError 400", settled_refused),
    ]
    for what, fn in steps:
        if pair:
            r.run(what, fn)
        else:
            r.skip_as_failed(what, "the held payout")

    def initiator_denies():
        p, a = held("deny")
        got = op.policies.create_approval_decision(a["id"], {"value": "Denied", "reason": "wrong beneficiary"})
        expect(got["status"] == "Denied", f"status {got['status']!r}")
        after = op.payouts.get_payout(p["id"])
        expect(after["status"] == "Rejected", f"payout {after['status']!r} after the denial")
        why = (after.get("data") or {}).get("statusReason") or ""
        expect("wrong beneficiary" in why, f"statusReason {why!r}")

    r.run("operator denies its own held payout -> Denied, payout Rejected with the reason", initiator_denies)


def main():
    if len(sys.argv) != 2:
        print("usage: check.py CREDENTIALS_DIR", file=sys.stderr)
        return 2
    creds = Path(sys.argv[1])
    op_env = read_env(creds / "operator.env")
    base = op_env["DFNS_API_URL"]
    op = client_for(op_env)
    op2 = client_for(read_env(creds / "operator2.env"))
    viewer = client_for(read_env(creds / "viewer.env"))
    wallets = json.loads((creds / "wallets.json").read_text())
    run_id = f"{int(time.time())}-{uuid.uuid4().hex[:8]}"
    r = Runner()

    # 1. every page of the list
    def list_all():
        before = control(base, "GET", "/_emulator/stats")["payouts"]
        items, token, pages = [], None, 0
        while True:
            pages += 1
            expect(pages <= MAX_PAGES, f"more than {MAX_PAGES} pages: the token never runs out")
            query = {"limit": PAGE_LIMIT}
            if token:
                query["paginationToken"] = token
            page = op.payouts.list_payouts(query)
            expect(isinstance(page.get("items"), list), f"page {pages} has no items array")
            expect(len(page["items"]) <= PAGE_LIMIT, f"page {pages} holds {len(page['items'])} > {PAGE_LIMIT} items")
            items.extend(page["items"])
            token = page.get("nextPageToken")
            if not token:
                break
        after = control(base, "GET", "/_emulator/stats")["payouts"]
        ids = [p["id"] for p in items]
        expect(len(set(ids)) == len(ids), f"{len(ids) - len(set(ids))} duplicate ids across pages")
        expect(
            len(ids) == before == after,
            f"listed {len(ids)} payouts over {pages} pages, stats says {before} (then {after})",
        )
        return items

    items = r.run("list_payouts: all pages (limit 10, nextPageToken -> paginationToken) match stats, unique ids", list_all)

    # 2. one payout by id equals its list item (a finished one: it cannot move meanwhile)
    def get_one():
        stable = [p for p in items if p.get("status") in TERMINAL] or items
        expect(stable, "the list is empty")
        item = stable[0]
        got = op.payouts.get_payout(item["id"])
        if item.get("status") in TERMINAL:
            expect(got == item, f"get_payout({item['id']}) differs from the list item")
        else:
            for key in ("id", "walletId", "asset", "fiatCurrency", "requester", "dateCreated", "provider"):
                expect(got.get(key) == item.get(key), f"field {key} differs from the list item")

    if items:
        r.run("get_payout: equals the list item", get_one)
    else:
        r.skip_as_failed("get_payout: equals the list item", "the list check")

    # 3. quote for a token the wallet holds
    def pick_asset():
        # Prefer wallets without a transfer-approval policy so a confirm is not held for approval.
        ordered = sorted(wallets, key=lambda w: any("policy" in t for t in w.get("tags", [])))
        for w in ordered:
            held = op.wallets.get_wallet_assets(w["id"]).get("assets", [])
            for a in held:
                if a.get("kind") in ("Erc20", "Spl", "Spl2022") and (a.get("contract") or a.get("mint")):
                    return w, a
        raise CheckFailed("no wallet in wallets.json holds an Erc20/Spl/Spl2022 token")

    def asset_body(token, amount):
        body = {"kind": token["kind"], "amount": amount}
        if token["kind"] == "Erc20":
            body["contract"] = token["contract"]
        else:
            body["mint"] = token["mint"]
        return body

    def quote():
        wallet, token = pick_asset()
        amount = str(25 * 10 ** int(token["decimals"]))
        q = op.payouts.request_payout_quote(
            {
                "walletId": wallet["id"],
                "asset": asset_body(token, amount),
                "fiatCurrency": "USD",
                "provider": "Borderless",
                "country": "US",
            }
        )
        expect(q.get("provider") == "Borderless", f"provider is {q.get('provider')!r}")
        asset = q.get("asset") or {}
        expect(asset.get("network") == wallet["network"], f"asset.network {asset.get('network')!r} != {wallet['network']!r}")
        decimals = (asset.get("metadata") or {}).get("decimals")
        expect(is_number(decimals) and decimals == token["decimals"], f"asset.metadata.decimals is {decimals!r}")
        expect(asset.get("amount") == amount, f"asset.amount {asset.get('amount')!r} != {amount!r}")
        expect(isinstance(q.get("timestamp"), str), "timestamp is not a string")
        quotes = q.get("quotes") or []
        expect(quotes, "quotes is empty")
        offer = quotes[0].get("offer") or {}
        expect(is_number(offer.get("amount")), f"quotes[0].offer.amount is {offer.get('amount')!r}, not a number")
        expect(is_number(offer.get("fees")), f"quotes[0].offer.fees is {offer.get('fees')!r}, not a number")
        expect(offer["amount"] >= 0 and offer["fees"] >= 0, f"negative offer {offer}")
        return wallet, token

    picked = r.run("request_payout_quote: provider, asset.network, metadata.decimals, numeric offer", quote)
    if not picked:
        r.skip_as_failed("create/confirm/cancel/refusal checks", "picking a wallet and token for the quote")
        print(f"{r.passed} passed, {r.failed} failed", flush=True)
        return 1
    wallet, token = picked

    def create_body(amount_units, external_id=None):
        body = {
            "walletId": wallet["id"],
            "asset": asset_body(token, str(amount_units * 10 ** int(token["decimals"]))),
            "fiatCurrency": "USD",
            "provider": "Borderless",
            "country": "US",
            "borderlessAccountId": "bacc-sdkcheck",
            "paymentInstructionsId": "pi-sdkcheck",
            "paymentPurpose": "salary payment",
        }
        if external_id:
            body["externalId"] = external_id
        return body

    def confirm_body(payout, to):
        transfer = dict(asset_body(token, payout["asset"]["amount"]), to=to)
        return {"action": "Confirm", "walletId": payout["walletId"], "transfer": transfer}

    def wait_awaiting(payout_id):
        control(base, "POST", "/_emulator/clock/advance", {"seconds": 60})
        deadline = time.monotonic() + WAIT_SECONDS
        while True:
            p = op.payouts.get_payout(payout_id)
            data = p.get("data") or {}
            if data.get("executionStatus") == AWAITING and data.get("depositAddress"):
                return p
            expect(
                time.monotonic() < deadline,
                f"{payout_id} still {data.get('executionStatus')!r} (depositAddress {data.get('depositAddress')!r}) "
                f"{WAIT_SECONDS}s after advancing the clock 60s",
            )
            time.sleep(0.2)

    # 4. idempotent create by externalId, conflict on a changed body
    ext = f"sdk-check-py-{run_id}"

    def create_idempotent():
        first = op.payouts.create_payout(create_body(30, ext))
        expect(first.get("id", "").startswith("pyt-"), f"created payout id {first.get('id')!r}")
        expect(first.get("externalId") == ext, f"externalId {first.get('externalId')!r}")
        again = op.payouts.create_payout(create_body(30, ext))
        expect(again.get("id") == first["id"], f"retry returned {again.get('id')!r}, first was {first['id']!r}")
        return first

    created = r.run("create_payout twice with the same externalId and body: same payout id", create_idempotent)

    def create_conflict():
        e = expect_error(lambda: op.payouts.create_payout(create_body(31, ext)), 409, "externalId")
        expect(e.message, "the 409 carries no message")

    r.run("create_payout: same externalId, different amount -> DfnsError 409 with message", create_conflict)

    # 5. deposit address, then confirm
    def confirm():
        p = wait_awaiting(created["id"])
        resp = op.payouts.create_payout_action(p["id"], confirm_body(p, p["data"]["depositAddress"]))
        expect(resp == {}, f"confirm answered {resp!r}, expected {{}}")
        after = op.payouts.get_payout(p["id"])
        status = (after.get("data") or {}).get("executionStatus")
        expect(status != AWAITING, f"executionStatus still {status!r} after confirm")

    if created:
        r.run("advance 60s, poll to AwaitingPayoutConfirmation, confirm -> {}, status moves on", confirm)
    else:
        r.skip_as_failed("advance 60s, poll to AwaitingPayoutConfirmation, confirm", "create_payout")

    # 6. cancel
    def cancel():
        p = op.payouts.create_payout(create_body(12, f"{ext}-cancel"))
        p = wait_awaiting(p["id"])
        resp = op.payouts.create_payout_action(p["id"], {"action": "Cancel"})
        expect(resp == {}, f"cancel answered {resp!r}, expected {{}}")
        after = op.payouts.get_payout(p["id"])
        expect(after.get("status") == "Canceled", f"status {after.get('status')!r} after cancel")

    r.run("create, wait for deposit address, cancel -> status Canceled", cancel)

    # 7. refusals
    def fresh_awaiting():
        p = op.payouts.create_payout(create_body(7, f"{ext}-refusals"))
        return wait_awaiting(p["id"])

    awaiting = r.run("create a fresh payout and wait for its deposit address", fresh_awaiting)

    def wrong_address():
        good = awaiting["data"]["depositAddress"]
        wrong = good[:-4] + ("0000" if not good.endswith("0000") else "1111")
        expect_error(
            lambda: op.payouts.create_payout_action(awaiting["id"], confirm_body(awaiting, wrong)),
            400,
            "deposit address",
        )

    def other_user_confirm():
        body = confirm_body(awaiting, awaiting["data"]["depositAddress"])
        expect_error(
            lambda: op2.payouts.create_payout_action(awaiting["id"], body),
            403,
            "only the payout requester can perform this action",
        )

    def other_user_cancel():
        expect_error(
            lambda: op2.payouts.create_payout_action(awaiting["id"], {"action": "Cancel"}),
            403,
            "only the payout requester can perform this action",
        )

    def still_awaiting():
        p = op.payouts.get_payout(awaiting["id"])
        status = (p.get("data") or {}).get("executionStatus")
        expect(status == AWAITING, f"executionStatus {status!r} after the refused actions")

    refusals = [
        ("confirm with a wrong transfer.to -> DfnsError 400 about the deposit address", wrong_address),
        ("operator2 (P-256) confirms operator's payout -> DfnsError 403 requester only", other_user_confirm),
        ("operator2 (P-256) cancels operator's payout -> DfnsError 403 requester only", other_user_cancel),
        ("refused actions left the payout AwaitingPayoutConfirmation", still_awaiting),
    ]
    for what, fn in refusals:
        if awaiting:
            r.run(what, fn)
        else:
            r.skip_as_failed(what, "the fresh awaiting payout")

    def viewer_create():
        # The refusal names the missing permission, as Dfns's own 403s do.
        expect_error(lambda: viewer.payouts.create_payout(create_body(5, f"{ext}-viewer")), 403, "Payouts:Create")

    r.run("viewer (no Payouts:Create) create_payout -> DfnsError 403", viewer_create)

    approvals_checks(r, base, op, op2, viewer, op_env, creds, wallets, ext, wait_awaiting)

    for c in (op, op2, viewer):
        c.close()
    print(f"{r.passed} passed, {r.failed} failed", flush=True)
    return 1 if r.failed else 0


if __name__ == "__main__":
    try:
        code = main()
    except Exception as e:  # missing credential files, unreadable keys: one failed check, still a summary
        print(f"not ok - setup: {type(e).__name__}: {e}", flush=True)
        print("0 passed, 1 failed", flush=True)
        code = 1
    sys.exit(code)
