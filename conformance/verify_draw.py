#!/usr/bin/env python3
"""A second, independent verifier of sc-draw/1 draws, written from docs/sc-draw-1.md alone (Python 3 standard library).

    python3 conformance/verify_draw.py <draw URL | folder> [--receipt FILE]
    python3 conformance/verify_draw.py --vectors docs/sc-draw-1-vectors.json

A folder holds record.json, pool.ndjson, inspectors.ndjson and outcome.json (as `npm run verify-draw -- --save`
writes them). Exit code 0: verified; 1: a check failed; 2: could not be read.

A drand beacon is checked in full (spec section 4): its beaconSpec recomputed from announcedAt, and its value
verified as the round's BLS signature under quicknet's public key by conformance/bls12_381.py (standard library too).
"""
import hashlib
import json
import math
import os
import sys
import urllib.request
from datetime import datetime, timezone

import bls12_381

ALGORITHM = "sc-draw/1"
M = 0xFFFFFFFF
QUICKNET = {
    "chainHash": "52db9ba70e0cc0f6eaf7803dd07447a1f5477735fd3f661792ba94600c84e971",
    "publicKey": "83cf0f2896adee7eb8b5f01fcad3912212c437e0073e911fb90022d3e760183c8c4b450b6a0a6c3ac6a5776a2d1064510d1fec758c921cc22b0e17e63aaf4bcb5ed66304de9cf809bd274ca73bab4af5a6e9c76a4bc09e76eae8991ef5ece45a",
    "genesis": 1692803367,
    "period": 3,
}
BEACON_MARGIN_MS = 60_000
GRADES = ("A", "B", "C", "D")


# --- section 2: bytes, digests, keys -----------------------------------------------------------------------------
def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def words(digest: bytes):
    return tuple(int.from_bytes(digest[i : i + 4], "big") for i in (0, 4, 8, 12))


def commitment(seed_hex: str) -> str:
    return sha256_hex(bytes.fromhex(seed_hex))


def draw_key(purpose: str, seed_hex: str, entropy: str, draw_id: str):
    data = f"{ALGORITHM}\0{purpose}\0".encode() + bytes.fromhex(seed_hex) + f"\0{entropy}\0{draw_id}".encode()
    return words(hashlib.sha256(data).digest())


def id_digest(identifier: str):
    return words(hashlib.sha256(identifier.encode()).digest())


def fmix32(h: int) -> int:
    h ^= h >> 16
    h = (h * 0x85EBCA6B) & M
    h ^= h >> 13
    h = (h * 0xC2B2AE35) & M
    h ^= h >> 16
    return h


def mix(k, d, rnd: int = 0):
    r = (rnd * 0x9E3779B9) & M
    a = fmix32(d[0] ^ k[0] ^ r)
    b = fmix32(d[1] ^ k[1] ^ a)
    c = fmix32(d[2] ^ k[2] ^ b)
    e = fmix32(d[3] ^ k[3] ^ c ^ r)
    return (fmix32(a ^ e), fmix32(c ^ b ^ e))


def weighted(k, d, weight: int):
    return min(mix(k, d, rnd) for rnd in range(weight))


def key_hex(key) -> str:
    return f"{key[0]:08x}{key[1]:08x}"


def quota(n: int, basis_points: int) -> int:
    return (n * basis_points + 9999) // 10000


# --- section 3: snapshots ----------------------------------------------------------------------------------------
def parse_pool(text: str):
    out = []
    for line in filter(None, text.split("\n")):
        ident, grade, district, last = json.loads(line)
        out.append({"id": ident, "grade": grade or None, "district": district, "last": last})
    return out


def parse_inspectors(text: str):
    out = []
    for line in filter(None, text.split("\n")):
        ident, department, district, qualifications, recusals, load = json.loads(line)
        out.append({"id": ident, "department": department, "district": district, "qualifications": qualifications, "recusals": recusals, "load": load})
    return out


# --- section 4: beacon -------------------------------------------------------------------------------------------
# What JavaScript's String.prototype.trim removes (ECMAScript WhiteSpace and LineTerminator). Not Python's
# str.strip(), which also removes U+001C..U+001F and U+0085 and keeps U+FEFF.
JS_WHITESPACE = "\t\n\v\f\r \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"


def js_trim(text: str) -> str:
    return text.strip(JS_WHITESPACE)


def beacon_entropy(spec, value: str) -> str:
    if spec and spec["source"] == "drand-quicknet":
        return sha256_hex(bytes.fromhex(value.lower()))
    return value


def iso_ms(text: str) -> int:
    """Milliseconds since the epoch of an ISO 8601 UTC time (`Z` or an offset)."""
    return round(datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp() * 1000)


def iso(ms: int) -> str:
    return datetime.fromtimestamp(ms // 1000, tz=timezone.utc).strftime("%Y-%m-%dT%H:%M:%S") + f".{ms % 1000:03d}Z"


def fixed_beacon(source: str, announced_at: str):
    """Section 4.2: the beaconSpec an announcement at `announced_at` fixes, every field derived."""
    if source == "operator":
        return {"source": "operator", "at": announced_at}
    seconds = math.ceil((iso_ms(announced_at) + BEACON_MARGIN_MS) / 1000)
    rnd = max(1, -((QUICKNET["genesis"] - seconds) // QUICKNET["period"]) + 1)
    at = iso((QUICKNET["genesis"] + (rnd - 1) * QUICKNET["period"]) * 1000)
    url = f"https://api.drand.sh/{QUICKNET['chainHash']}/public/{rnd}"
    return {"source": source, "chainHash": QUICKNET["chainHash"], "publicKey": QUICKNET["publicKey"], "round": rnd, "at": at, "url": url}


def beacon_problem(spec, value: str, announced_at):
    if announced_at is None:
        return "The record fixes a beacon but publishes no announcedAt."
    if spec.get("source") not in ("operator", "drand-quicknet"):
        return f"Unknown beacon source {spec.get('source')}."
    fixed = fixed_beacon(spec["source"], announced_at)
    if canonical(spec) != canonical(fixed):
        return f"The beacon fixed for a pool frozen at {announced_at} is {canonical(fixed)}; the record says {canonical(spec)}."
    if spec["source"] == "operator":
        return None if js_trim(value) else "The announcement names an operator beacon: give its value."
    if len(value) != 96 or any(ch not in "0123456789abcdef" for ch in value.lower()):
        return f"The beacon is not a drand signature (96 hex characters) of round {spec['round']}."
    message = hashlib.sha256(spec["round"].to_bytes(8, "big")).digest()
    if not bls12_381.verify(bytes.fromhex(spec["publicKey"]), message, bytes.fromhex(value)):
        return f"The beacon is not drand quicknet round {spec['round']}'s signature (BLS12-381 verification fails)."
    return None


# --- sections 5 and 6: selection and assignment ------------------------------------------------------------------
def select(pool, rule, key):
    strata = {}
    if rule["kind"] == "count":
        if pool:
            strata["all"] = {"pool": len(pool), "quota": min(rule["count"], len(pool))}
    else:
        for e in pool:
            name = e["grade"] or rule["ungradedAs"]
            strata.setdefault(name, {"pool": 0, "quota": 0})["pool"] += 1
        for name, s in strata.items():
            s["quota"] = quota(s["pool"], rule["basisPoints"][name])
    keyed = {name: [] for name in strata}
    for index, e in enumerate(pool):
        d = id_digest(e["id"])
        if rule["kind"] == "count":
            k = weighted(key, d, rule["weights"][e["grade"] or "ungraded"])
            keyed["all"].append((k, index, e["id"], "all"))
        else:
            name = e["grade"] or rule["ungradedAs"]
            keyed[name].append((mix(key, d, 0), index, e["id"], name))
    chosen = []
    for name, entries in keyed.items():
        chosen.extend(sorted(entries)[: strata[name]["quota"]])
    chosen.sort()
    return [{"entityId": ident, "stratum": name, "key": key_hex(k)} for k, _, ident, name in chosen], strata


def assign(selected, entities, inspectors, p, key, counted):
    departments = [p["department"]] + p["jointDepartments"]
    group = lambda department, district: (department, "*" if p["crossDistrict"] else district)
    qualified = {}
    for i in inspectors:
        if i["department"] in departments and p["segment"] in i["qualifications"]:
            qualified.setdefault(group(i["department"], i["district"]), []).append(i)
    load = {i["id"]: i["load"] + (counted or {}).get("loads", {}).get(i["id"], 0) for i in inspectors}
    assignments, unassigned = [], []
    for s in selected:
        entity = entities[s["entityId"]]
        ed = id_digest(entity["id"])
        scored, problems = [], []
        for department in departments:
            excluded, eligible = {}, 0
            for i in qualified.get(group(department, entity["district"]), []):
                if entity["id"] in i["recusals"]:
                    why = "recused"
                elif i["id"] in entity["last"]:
                    why = "inspected it last time"
                elif load[i["id"]] >= p["workloadCap"]:
                    why = "at the workload cap"
                else:
                    why = None
                if why:
                    excluded[why] = excluded.get(why, 0) + 1
                else:
                    eligible += 1
                    idd = id_digest(i["id"])
                    scored.append((mix(key, tuple(a ^ b for a, b in zip(ed, idd)), 0), department, i["id"]))
            if eligible == 0:
                detail = ", ".join(f"{n} {why}" for why, n in excluded.items())
                where = "" if p["crossDistrict"] else f" in {entity['district']}"
                problems.append(f"no eligible {department} inspector qualified for {p['segment']}{where}" + (f" ({detail})" if detail else ""))
        chosen = []

        def smallest(admit):
            best = None
            for entry in scored:
                if admit(entry) and entry[2] not in chosen and (best is None or entry[0] < best[0]):
                    best = entry
            return best and best[2]

        for department in departments:
            first = smallest(lambda entry: entry[1] == department)
            if first:
                chosen.append(first)
        while len(chosen) < p["inspectorsPerCompany"]:
            nxt = smallest(lambda entry: True)
            if not nxt:
                break
            chosen.append(nxt)
        if not problems and len(chosen) < p["inspectorsPerCompany"]:
            problems.append(f"only {len(chosen)} eligible inspector(s), {p['inspectorsPerCompany']} required")
        if problems:
            unassigned.append({"entityId": entity["id"], "reason": "; ".join(problems)})
            continue
        for ident in chosen:
            load[ident] += 1
        assignments.append({"entityId": entity["id"], "inspectorIds": chosen})
    return assignments, unassigned


def run_draw(record, pool, inspectors, counted):
    entropy = beacon_entropy(record.get("beaconSpec"), record.get("beacon") or "")
    p = record["parameters"]
    selected, strata = select(pool, p["rule"], draw_key("select", record["seed"], entropy, record["id"]))
    entities = {e["id"]: e for e in pool}
    assignments, unassigned = assign(selected, entities, inspectors, p, draw_key("assign", record["seed"], entropy, record["id"]), counted)
    outcome = {"counted": counted} if counted is not None else {}
    return {**outcome, "selected": selected, "strata": strata, "assignments": assignments, "unassigned": unassigned}


# --- section 7: verification -------------------------------------------------------------------------------------
def utf16(text: str) -> bytes:
    """A sort key that orders strings by UTF-16 code units, as JavaScript's `<` does (Python's compares code points)."""
    return text.encode("utf-16-be")


def canonical(value) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


RECEIPT_FIELDS = ("id", "algorithm", "parameters", "commitment", "beaconSpec", "poolHash", "poolSize", "inspectorsHash", "inspectorCount", "announcedAt")


def verify(record, pool_text, inspectors_text, outcome, outcome_text=None, receipt=None):
    checks = []
    check = lambda name, passed, detail: checks.append((name, bool(passed), detail))
    if not record.get("seed") or outcome is None:
        check("executed", False, "The draw has not been executed yet.")
        return checks
    check("algorithm", record["algorithm"] == ALGORITHM, f"The record names {record['algorithm']}.")
    check("commitment", commitment(record["seed"]) == record["commitment"], "SHA-256 of the revealed seed against the commitment.")
    check("pool", sha256_hex(pool_text.encode()) == record["poolHash"], "SHA-256 of pool.ndjson against poolHash.")
    check("inspectors", sha256_hex(inspectors_text.encode()) == record["inspectorsHash"], "SHA-256 of inspectors.ndjson against inspectorsHash.")
    if record.get("outcomeHash") and outcome_text is not None:
        check("outcome", sha256_hex(outcome_text.encode()) == record["outcomeHash"], "SHA-256 of outcome.json against outcomeHash.")
    spec = record.get("beaconSpec")
    if spec:
        problem = beacon_problem(spec, record.get("beacon") or "", record.get("announcedAt"))
        check("beacon", problem is None, problem or "The beacon is the one the announcement fixed, its signature verified.")
    pool, inspectors = parse_pool(pool_text), parse_inspectors(inspectors_text)
    p = record["parameters"]
    count_ok = len(pool) == record["poolSize"] and record.get("inspectorCount", len(inspectors)) == len(inspectors)
    check("counts", count_ok, f"{len(pool)} companies, {len(inspectors)} inspectors.")
    # Section 3: lines sorted by id (UTF-16 code units, as JavaScript compares strings), each id once.
    in_order = all(utf16(a["id"]) < utf16(b["id"]) for rows in (pool, inspectors) for a, b in zip(rows, rows[1:]))
    check("order", in_order, "Both snapshots list their lines by ascending id, each id once.")
    departments = [p["department"]] + p["jointDepartments"]
    in_rule = all(not p["districts"] or e["district"] in p["districts"] for e in pool) and all(i["department"] in departments for i in inspectors)
    check("districts", in_rule, "Every company in the announced districts, every inspector of a drawing department.")
    counted = outcome.get("counted")
    recomputed = run_draw(record, pool, inspectors, counted)
    summary = {"selected": len(recomputed["selected"]), "assigned": len(recomputed["assignments"]), "unassigned": len(recomputed["unassigned"])}
    strata_ok = canonical(outcome["strata"]) == canonical(recomputed["strata"]) and ("strata" not in record or canonical(record["strata"]) == canonical(recomputed["strata"]))
    check("strata", strata_ok and ("summary" not in record or canonical(record["summary"]) == canonical(summary)), f"Recomputed {canonical(recomputed['strata'])}, {canonical(summary)}.")
    check("selection", canonical(recomputed["selected"]) == canonical(outcome["selected"]), f"{len(recomputed['selected'])} companies recomputed.")
    if counted is not None:
        known = {i["id"] for i in inspectors}
        loads = counted["loads"]
        check("workload", all(k in known and isinstance(n, int) and n > 0 for k, n in loads.items()) and (not loads or counted["draws"]), f"Counted {sum(loads.values())} assignment(s) of {len(counted['draws'])} other draw(s).")
    same = canonical(recomputed["assignments"]) == canonical(outcome["assignments"]) and canonical(recomputed["unassigned"]) == canonical(outcome["unassigned"])
    check("assignment", same, f"{len(recomputed['assignments'])} companies assigned, {len(recomputed['unassigned'])} unassigned, recomputed.")
    if receipt is not None:
        changed = [f for f in RECEIPT_FIELDS if canonical(receipt.get(f)) != canonical(record.get(f))]
        check("receipt", not changed, "Changed since the receipt: " + ", ".join(changed) if changed else "As the receipt says.")
    return checks


# --- command line ------------------------------------------------------------------------------------------------
def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=60) as response:
        return response.read().decode()


def load(source: str):
    if source.startswith(("http://", "https://")):
        record_text = fetch(source)
        links = json.loads(record_text).get("files") or {}
        if not all(links.get(name) for name in ("pool", "inspectors", "outcome")):
            raise ValueError("The record publishes no snapshot or outcome links yet.")
        return record_text, fetch(links["pool"]), fetch(links["inspectors"]), fetch(links["outcome"])
    read = lambda name: open(os.path.join(source, name), encoding="utf-8", newline="").read()
    return read("record.json"), read("pool.ndjson"), read("inspectors.ndjson"), read("outcome.json")


def check_vectors(path: str) -> int:
    v = json.load(open(path, encoding="utf-8"))
    hexwords = lambda ws: [f"{w:08x}" for w in ws]
    ints = lambda ws: tuple(int(w, 16) for w in ws)
    failures = []
    expect = lambda ok, what: ok or failures.append(what)
    for c in v["commitments"]:
        expect(commitment(c["seed"]) == c["commitment"], f"commitment {c['seed']}")
    for c in v["drawKeys"]:
        expect(hexwords(draw_key(c["purpose"], c["seed"], c["entropy"], c["drawId"])) == c["words"], f"draw key {c['drawId']}")
    for c in v["idDigests"]:
        expect(hexwords(id_digest(c["id"])) == c["words"], f"id digest {c['id']!r}")
    for c in v["mixes"]:
        expect(key_hex(mix(ints(c["keyWords"]), ints(c["digestWords"]), c["round"])) == c["key"], f"mix round {c['round']}")
    for c in v["weightedKeys"]:
        expect(key_hex(weighted(ints(c["keyWords"]), ints(c["digestWords"]), c["weight"])) == c["key"], f"weighted {c['weight']}")
    for c in v["quotas"]:
        expect(quota(c["n"], c["basisPoints"]) == c["quota"], f"quota {c['n']} {c['basisPoints']}")
    for index, c in enumerate(v["beacons"]):
        problem = beacon_problem(c["beaconSpec"], c["value"], c.get("announcedAt"))
        print(f"  beacon {index}: {'valid' if problem is None else 'refused'}")
        if c["valid"]:
            expect(problem is None and beacon_entropy(c["beaconSpec"], c["value"]) == c["entropy"], f"beacon {c['beaconSpec']['source']}")
        else:
            expect(problem is not None, f"beacon refused: {c['why']}")
    for d in v["draws"]:
        expect(json.loads(d["outcomeText"]) == d["outcome"], f"draw {d['name']}: outcomeText")
        checks = verify(d["record"], d["pool"], d["inspectors"], d["outcome"], d["outcomeText"], d.get("receipt"))
        expect(any(name == "outcome" for name, _, _ in checks), f"draw {d['name']}: outcomeHash checked")
        for name, passed, detail in checks:
            expect(passed, f"draw {d['name']}: {name}: {detail}")
        recomputed = run_draw(d["record"], parse_pool(d["pool"]), parse_inspectors(d["inspectors"]), d["outcome"].get("counted"))
        expect(canonical(recomputed) == canonical(d["outcome"]), f"draw {d['name']}: outcome")
        # Section 6.3: outcome.json's exact bytes follow from the outcome, members in the specified order.
        expect(json.dumps(recomputed, ensure_ascii=False, separators=(",", ":")) == d["outcomeText"], f"draw {d['name']}: outcome.json bytes")
    for failure in failures:
        print(f"  ✗ {failure}")
    print(f"all {len(v['draws'])} draws verified, every vector reproduced" if not failures else f"{len(failures)} vector(s) differ")
    return 0 if not failures else 1


def main(args) -> int:
    if len(args) == 2 and args[0] == "--vectors":
        return check_vectors(args[1])
    receipt = None
    if "--receipt" in args:
        at = args.index("--receipt")
        receipt = json.load(open(args[at + 1], encoding="utf-8"))
        args = args[:at] + args[at + 2 :]
    if len(args) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    try:
        record_text, pool_text, inspectors_text, outcome_text = load(args[0])
    except (OSError, ValueError) as error:
        print(f"Could not read the draw: {error}", file=sys.stderr)
        return 2
    record, outcome = json.loads(record_text), json.loads(outcome_text)
    checks = verify(record, pool_text, inspectors_text, outcome, outcome_text, receipt)
    print(f"Draw {record['id']} ({record['algorithm']}), pool of {record['poolSize']}, {len(outcome['selected'])} selected")
    for name, passed, detail in checks:
        print(f"  {'✓' if passed else '✗'} {name}: {detail}")
    verified = all(passed for _, passed, _ in checks)
    print("verified: every check passed" if verified else "NOT verified")
    return 0 if verified else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
