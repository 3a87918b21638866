#!/usr/bin/env python3
"""Where event-location predictions go wrong, word by word (score.py's words).

Usage: locate_errors.py GOLD.jsonl PRED.jsonl
PRED as score.py reads it, e.g. `kharita eval event-location GOLD --folds 5 --save-pred PRED`.
A gold word missed is put in one kind: (a) no candidate, approximated as a word that does
not start with a capital and is no connector (the candidates are capitalised runs and
toponyms), else (c) "no place" chosen, else (b) the wrong extent (a predicted span overlaps
its gold span), else (d1) a list cut short (another gold word of the sentence is right),
else (d2) a wrong candidate. A predicted word not in the gold: (e) the gold names no place,
(f) an extent too long, (g) a second place kept beside a right one, (h) another place
instead. docs/evaluation.md ("Event location") has the table.
"""
import json, re, sys, collections
WORD = re.compile(r"[^\W_]+", re.UNICODE)
CONN = {"of","de","al","el","bin","ibn","ez","es","la","du","des","del","da","e"}
def spans_words(text, spans):
    out = {}
    for m in WORD.finditer(text):
        for i, s in enumerate(spans):
            if m.start() >= s["start"] and m.end() <= s["end"]:
                out[(m.start(), m.end())] = i; break
    return out
gold = [json.loads(l) for l in open(sys.argv[1])]
pred = {}
for l in open(sys.argv[2]):
    d = json.loads(l); pred[str(d["id"])] = d.get("locations") or []
lost = collections.Counter(); fp = collections.Counter(); ng = npw = tp = 0
for g in gold:
    t = g["text"]; P = pred.get(str(g["id"]), [])
    gw = spans_words(t, g["locations"]); pw = spans_words(t, P)
    ng += len(gw); npw += len(pw); tp += len(set(gw) & set(pw))
    right_any = bool(set(gw) & set(pw))
    for w, gi in gw.items():
        if w in pw: continue
        s = t[w[0]:w[1]]
        uncovered = not s[0].isupper() and s.lower() not in CONN
        gs = g["locations"][gi]
        if uncovered: lost["a no candidate (lower-case/digit word, approx.)"] += 1
        elif not P: lost["c 'no place' chosen"] += 1
        elif any(p["start"] < gs["end"] and gs["start"] < p["end"] for p in P): lost["b right place, wrong extent"] += 1
        elif right_any: lost["d1 another gold span kept, this one not (list)"] += 1
        else: lost["d2 a wrong candidate chosen instead"] += 1
    for w, pi in pw.items():
        if w in gw: continue
        ps = P[pi]
        if not gw: fp["e place predicted, gold names none"] += 1
        elif any(ps["start"] < s["end"] and s["start"] < ps["end"] for s in g["locations"]): fp["f right place, extent too long"] += 1
        elif right_any: fp["g second place kept beside the gold"] += 1
        else: fp["h wrong place instead of gold"] += 1
p = tp/npw; r = tp/ng
print(f"P {p:.4f} R {r:.4f} F1 {2*p*r/(p+r):.4f}  gold words {ng} predicted {npw} right {tp}")
print("gold words lost:", ng-tp)
for k, v in sorted(lost.items()): print(f"  {k:55s} {v:5d}  {v/ng:6.1%} of gold")
print("false-positive words:", npw-tp)
for k, v in sorted(fp.items()): print(f"  {k:55s} {v:5d}  {v/npw:6.1%} of predicted")
