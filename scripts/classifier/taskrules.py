#!/usr/bin/env python3
"""Develop and measure the task-exposure rules (standard library only).

The labelled tasks are read from a path argument and never copied into the repository.

  taskrules.py mine  --data TSV [--folds K --fold I] [--phrases RULES.yaml] --out RULES.yaml
        learn a rule file from the training folds (all folds but I; the whole file without --fold),
        with the hand-written phrases: block of --phrases (default: the bundled rule file) copied in
  taskrules.py split --data TSV --folds K --fold I --tasks OUT.txt --labels OUT.txt [--gpt4 OUT.txt]
        write the held-out fold's task statements and human labels (and GPT-4's), one a line
  taskrules.py score --labels LABELS.txt --predictions PRED.tsv
        print accuracy and Cohen's kappa of PRED's first column against LABELS
  taskrules.py calibrate --data TSV --folds K --predictions ALL.tsv --occupations CSV
        occupation scores from every fold's held-out predictions (equal task weights) against the
        published human beta: mean by published-beta band, Spearman's rho, slope
  taskrules.py crossval --data TSV [--folds K] [--phrases RULES.yaml]
        quick cross-validation with the Python mirror of the Swift matcher (for development only;
        the reported figures come from scripts/evaluate-classifier.sh, which runs the Swift code)
"""
import argparse
import csv
import hashlib
import math
import os
import random
import re
import sys
from collections import Counter, defaultdict

LABELS = ("E0", "E1", "E2")
DEFAULT_DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..",
                            "shared", "data", "task-exposure-train.tsv")

# Words the matcher skips; written into the rule file so Swift and Python agree.
IGNORED = sorted("""a an the and or of to in on for with by from at as into onto per via such
other others their its it this that these those be is are was were been being any all each
may might can could should would will using use used etc e g i ie eg including include includes
based about within between through upon over under out up""".split())


# ---- tokenising: must match TaskClassifier+Tokens.swift exactly -------------------------------
def is_token_char(ch):
    if ch < "\x80":
        return ch.isascii() and (ch.isalpha() or ch.isdigit())
    return ch.isalpha()


def stem(word):
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def tokenize(text, ignored):
    words, cur = [], []
    for ch in text.lower():
        if is_token_char(ch):
            cur.append(ch)
        elif cur:
            words.append("".join(cur))
            cur = []
    if cur:
        words.append("".join(cur))
    return [stem(w) for w in words if len(w) > 1 and w not in ignored]


# ---- data and folds --------------------------------------------------------------------------
def load(path):
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    for r in rows:
        if r["human_label"] not in LABELS:
            sys.exit(f"{path}: unexpected label '{r['human_label']}'")
    return rows


def fold_of(soc_code, folds):
    """A stable fold per occupation: tasks of one occupation never straddle train and test."""
    return int(hashlib.sha256(soc_code.encode()).hexdigest(), 16) % folds


def split(rows, folds, fold):
    train = [r for r in rows if fold_of(r["soc_code"], folds) != fold]
    test = [r for r in rows if fold_of(r["soc_code"], folds) == fold]
    return train, test


# ---- rules ---------------------------------------------------------------------------------
# A rule is a phrase (one or two words, anywhere in the task) or an opening (the task starts with
# these words). A task's score for each label is the base points plus the points of every distinct
# rule it matches; the highest score wins (ties: E0, then E1, then E2). The reason shown is that of
# the matched rule giving the winner the most points, else the label's base reason.
# Must match TaskClassifier.swift.

def features(toks):
    out = set()
    if toks:
        out.add(("starts", (toks[0],)))
    if len(toks) > 1:
        out.add(("starts", (toks[0], toks[1])))
    for i, t in enumerate(toks):
        out.add(("phrase", (t,)))
        if i + 1 < len(toks):
            out.add(("phrase", (t, toks[i + 1])))
    return out


# Words for the people in an occupation ('nurse', 'teacher', 'programmer') are not evidence about a
# task: a rule on them ties a label to a job title. They are read from the occupation titles of the
# data (the last word of each title's first part, when it names a person) and left out of mining.
PERSON_ENDINGS = ("er", "or", "ist", "ian", "ant", "ent", "ee")
PERSON_WORDS = {"nurse", "clerk", "aide", "agent", "judge", "pilot", "police", "guard", "nanny", "cook",
                "chauffeur", "clergy", "jockey", "orderly", "paramedic", "midwive", "surgeon", "actuary",
                "architect", "bailiff", "barista", "captain", "officer", "chef", "staff", "worker", "salesperson"}
NOT_PEOPLE = {"monitor", "motor", "sewer", "layer", "server", "marker", "grinder", "blower", "computer",
              "tender", "reader", "carrier", "tuner", "splitter", "sorter", "tester", "screener", "keyer",
              "finisher", "equipment", "meeting", "room", "furnace", "heating", "cutting", "winding", "art",
              "car", "vehicle", "installation", "property", "structure", "court", "hotel", "freight",
              "shipping", "separating", "extruding", "crushing", "paving", "painting", "welding", "farming",
              "compensation", "coin", "atmospheric", "security", "child", "bookkeeping", "guide", "escort"}


def job_nouns(rows, ignored):
    heads = set()
    for r in rows:
        toks = tokenize(r["occupation"].split(",")[0], ignored)
        if toks:
            heads.add(toks[-1])
    return {w for w in heads if w not in NOT_PEOPLE and (w in PERSON_WORDS or w.endswith(PERSON_ENDINGS))}


def train_points(rows, min_support=3, l2=10.0, epochs=30, rate=0.3, seed=1, class_weight=(1.0, 1.0, 1.0),
                 drop_job_nouns=True):
    """Multinomial logistic regression by AdaGrad; its weights become the rules' points.

    `l2` is the L2 penalty per pass over the data on each weight, as in a whole-batch fit: it is
    spread over the examples that contain the weight's feature (l2 / support at each of them), so
    a rare word or pair is held back as firmly as a common one. (Before, a fixed 3e-3 at each
    example left rare features almost unpenalised and stopped after 10 passes, which forced a
    support of at least 10; with the penalty per pass, rules down to support 3 help.)

    `class_weight` scales each label's examples in the loss: E1 is the label the rules miss most
    and the one that lifts the most exposed occupations, so weighing it up trades a little E0/E2
    precision for E1 recall and scores that track the published betas at the top."""
    ign = set(IGNORED)
    ex = [(features(tokenize(r["task"], ign)), LABELS.index(r["human_label"])) for r in rows]
    df = Counter(f for fs, _ in ex for f in fs)
    people = job_nouns(rows, ign) if drop_job_nouns else set()
    # A stem can be an ignored word ('uses' -> 'use'): such a rule could not be written in the
    # rule file (its words must read back the same), so it is left out.
    keep = {f for f, c in df.items() if c >= min_support and not any(w in people for w in f[1])
            and tokenize(" ".join(f[1]), ign) == list(f[1])}
    ex = [(sorted(f for f in fs if f in keep), y) for fs, y in ex]
    penalty = {f: l2 / df[f] for f in keep}
    W = {f: [0.0, 0.0, 0.0] for f in keep}
    G = {f: [1e-8, 1e-8, 1e-8] for f in keep}
    b, Gb = [0.0, 0.0, 0.0], [1e-8, 1e-8, 1e-8]
    rnd = random.Random(seed)
    order = list(range(len(ex)))
    for _ in range(epochs):
        rnd.shuffle(order)
        for i in order:
            fs, y = ex[i]
            s = [b[k] + sum(W[f][k] for f in fs) for k in range(3)]
            m = max(s)
            e = [math.exp(v - m) for v in s]
            z = sum(e)
            cw = class_weight[y]
            for k in range(3):
                g = cw * (e[k] / z - (1 if k == y else 0))
                Gb[k] += g * g
                b[k] -= rate * g / math.sqrt(Gb[k])
                for f in fs:
                    w = W[f]
                    gg = g + penalty[f] * w[k]
                    G[f][k] += gg * gg
                    w[k] -= rate * gg / math.sqrt(G[f][k])
    counts = defaultdict(Counter)
    for r in rows:
        for f in features(tokenize(r["task"], ign)):
            if f in keep:
                counts[f][r["human_label"]] += 1
    return W, b, counts


def to_rules(W, b, counts, min_spread=0.2, min_points=5, min_precision=0.5):
    """Whole points (hundredths), shifted so each rule's smallest is zero; tiny ones dropped.

    A rule gets a family (and so can serve as a reason) only when most training tasks containing
    it carry one label and the rule gives that label points; the weights of a linear model are not
    marginal evidence, so a rule such as 'draft' may add E0 points to correct its neighbours
    without being a sensible reason for E0."""
    rules = []
    for f, w in W.items():
        if max(w) - min(w) < min_spread:
            continue
        lo = min(w)
        pts = {LABELS[k]: round((w[k] - lo) * 100) for k in range(3)}
        pts = {l: p for l, p in pts.items() if p >= min_points}
        if not pts:
            continue
        c = counts[f]
        n = sum(c.values())
        majority = max(LABELS, key=lambda l: (c[l], -LABELS.index(l)))
        precision = c[majority] / n if n else 0.0
        explains = majority if precision >= min_precision and pts.get(majority, 0) > 0 else None
        top = max(pts, key=lambda l: (pts[l], -LABELS.index(l)))
        rules.append({"kind": f[0], "words": f[1], "points": pts, "label": explains or top,
                      "support": n, "majority": majority, "precision": precision,
                      "family": family_for(explains, f[1]) if explains else None})
    rules.sort(key=lambda r: (r["family"] is None, r["label"], -r["points"][r["label"]], r["kind"], r["words"]))
    lo = min(b)
    base = {LABELS[k]: round((b[k] - lo) * 100) for k in range(3)}
    return rules, base


def contradicted(rule, label, toks):
    """Whether a word right beside the rule's words belongs to a family explaining another label."""
    words, n = list(rule["words"]), len(rule["words"])
    starts = [0] if rule["kind"] == "starts" else range(max(0, len(toks) - n) + 1)
    for i in starts:
        if toks[i:i + n] != words:
            continue
        neighbours = [toks[j] for j in (i - 1, i + n) if 0 <= j < len(toks)]
        if any(FAMILY_LABEL[f] != label and any(word_matches(v, t) for v in FAMILY_WORDS[f] for t in neighbours)
               for f in FAMILY_WORDS):
            return True
    return False


def classify(rules, base, toks, phrases=()):
    """Python mirror of TaskClassifier.classify: (label, reason, source) where source is the
    deciding phrase's text, the cited rule's words, or None for a general or base reason."""
    fired = phrase_label(phrases, toks)
    if fired:
        return fired
    feats = features(toks)
    score = dict(base)
    hits = []
    for r in rules:
        if (r["kind"], r["words"]) in feats:
            hits.append(r)
            for l, pts in r["points"].items():
                score[l] += pts
    label = max(LABELS, key=lambda l: (score[l], -LABELS.index(l)))
    doubtful = any(p["label"] != label and any(occurs(pat, toks, anywhere=True) for _, pat in p["patterns"])
                   for p in phrases)
    best, explained = None, False
    for r in hits:
        if r["family"] is None or FAMILY_LABEL[r["family"]] != label:
            continue
        explained = True
        if doubtful or not FAMILY_WORDS[r["family"]] or contradicted(r, label, toks):
            continue
        if best is None or r["points"][label] > best["points"][label]:
            best = r
    if best:
        return label, FAMILY_REASON[best["family"]], " ".join(best["words"])
    general = [f for f in FAMILY_WORDS if FAMILY_LABEL[f] == label and not FAMILY_WORDS[f]]
    if explained and general:
        return label, FAMILY_REASON[general[0]], None
    return label, BASE_REASONS[label], None


# ---- reasons: hand-written, one per family; a rule takes the first family whose words it uses --
# Family words are patterns as in the hand-written phrases: a whole word (stemmed like task words)
# or a prefix ending in '*'. The Swift loader refuses a rule whose family's words it does not use,
# and the matcher cites a family only when no word of another label's families stands right beside
# the rule's words in the task ('machine' is not hands-on work in 'machine translation').
FAMILIES = [
    # (id, label, words, reason shown to the person)
    ("hands-on", "E0", """install* repair* operate* clean* remov* assembl* adjust* lift* load* cut* build*
        replac* weld* drive driving equipment machine* tool vehicle* pipe piping wire wiring engine part
        material* set position* move* apply fit fitting attach* tighten* dig digging pour* spray* sand
        sanding trim* hand""",
     "This is hands-on work with physical things; a chatbot cannot do it for you."),
    ("care", "E0", """patient* treat* care caring therap* child* animal* massag* feed feeding bathe bathing
        resident* injur* wound* medicat* body hair skin guest* passenger*""",
     "This needs you there in person with people or animals; a chatbot cannot halve that time."),
    ("presence", "E0", """supervis* direct meet* attend* train* instruct* participat* observ* inspect* examin*
        test* measur* check* visit* site field perform* conduct* lead* coordinat* negotiat*""",
     "This depends on being present, watching and deciding on the spot; a chatbot does not halve it."),
    ("general-e0", "E0", "",
     "Tasks described this way usually need hands, presence or judgement in the moment; a chatbot would not halve the time."),
    ("writing", "E1", """writ* draft* prepare compose composing edit* letter* correspondence document* proposal*
        article* speech* story script* copy content outline* text""",
     "Drafting standard text is something a chatbot can do quickly."),
    ("language", "E1", """translat* language* explain* summar* answer* question* advis* recommend* teach*
        lesson* course* curricul* research* idea* email*""",
     "Explaining, answering and working with words is something a chatbot given the material can do quickly."),
    ("general-e1", "E1", "",
     "Work with words and ideas like this is something a chatbot given the material can do in half the time."),
    ("data", "E2", """data databas* record* analy* statistic* calculat* spreadsheet* information file* filing
        log inventor* budget* cost* report* account* financ* pric* estimat*""",
     "Working through records and data is something software built on a chatbot can speed up, with the right tools."),
    ("software", "E2", """software program* code coding comput* system* website* web application* network*
        digital online model* simulat*""",
     "This is computer work that chatbot-based software tools can do much faster."),
    ("scheduling", "E2", """schedul* appointment* order* purchas* request* track* process invoic* billing
        payment* claim* form""",
     "Routine processing like this can be largely handled by software built on a chatbot."),
    ("general-e2", "E2", "",
     "Software built on a chatbot (with search, data or other tools) could do this in half the time."),
]
BASE_REASONS = {
    "E0": "Nothing in the wording points to work a chatbot could halve; most tasks like this stay with people.",
    "E1": "The wording suggests work with words that a chatbot given the material can do in half the time.",
    "E2": "The wording suggests information work that software built on a chatbot could do in half the time.",
}


def parse_pattern(text, ignored):
    """Pattern words, as TaskClassifier+Loading.swift reads them: ('prefix', p) or ('word', stem)."""
    out = []
    for piece in text.split():
        if piece.endswith("*"):
            out.append(("prefix", piece[:-1].lower()))
        else:
            out.extend(("word", t) for t in tokenize(piece, ignored))
    return out


def word_matches(word, token):
    kind, w = word
    return token.startswith(w) if kind == "prefix" else token == w


FAMILY_WORDS = {fid: parse_pattern(words, set(IGNORED)) for fid, _, words, _ in FAMILIES}
FAMILY_LABEL = {fid: label for fid, label, _, _ in FAMILIES}
FAMILY_REASON = {fid: reason for fid, _, _, reason in FAMILIES}


def family_for(label, words):
    for fid, flabel, _, _ in FAMILIES:
        if flabel != label:
            continue
        vocab = FAMILY_WORDS[fid]
        if not vocab or any(word_matches(v, w) for w in words for v in vocab):
            return fid
    raise AssertionError(label)


# ---- the hand-written layer ----------------------------------------------------------------
# Plain-language phrases kept in the rule file's `phrases:` block, written by hand from the
# paper's rubric (never from the labels of training rows). `mine` copies the block unchanged into
# every rule file it writes, so each cross-validation fold is scored with the same phrases.
# Must match TaskClassifier.swift: the first phrase (file order) any of whose patterns occurs in
# the task, in order with at most PHRASE_GAP other words between neighbours, decides; in a task of
# more than PHRASE_ANYWHERE_UP_TO words the pattern must start at the first word.
PHRASE_GAP = 2
PHRASE_ANYWHERE_UP_TO = 5  # in longer tasks a phrase must start at the first word (the main activity)
BUNDLED_RULES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..",
                             "dialogues", "classifier", "task-exposure.yaml")
PHRASE_LINE = re.compile(r'^  - \{match: (\[[^\]]*\]|[^,\[]+), label: (E[012]), reason: "((?:[^"\\]|\\.)*)"(, anywhere: (true|false))?(, within: (\d+))?\}\s*(#.*)?$')


def read_phrase_block(path, key="phrases"):
    """The `phrases:` (or another top-level key's) block of a rule file, as lines (empty when it has none)."""
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    block, inside = [], False
    for line in lines:
        if line.startswith(key + ":"):
            inside = True
        elif inside and line and not line.startswith((" ", "#")):
            break
        if inside:
            block.append(line)
    while block and not block[-1].strip():
        block.pop()
    return block


def parse_phrases(block):
    ign = set(IGNORED)
    phrases = []
    for number, line in enumerate(block[1:], 2):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        m = PHRASE_LINE.match(line)
        if not m:
            sys.exit(f"phrases line {number}: expected '  - {{match: ..., label: E.., reason: \"...\"}}' on one line: {line}")
        written = m.group(1).strip()
        alts = [a.strip() for a in written[1:-1].split(",")] if written.startswith("[") else [written]
        phrases.append({"patterns": [(a, parse_pattern(a, ign)) for a in alts], "label": m.group(2),
                        "reason": m.group(3), "anywhere": m.group(5) == "true",
                        "within": int(m.group(7)) if m.group(7) else None})
    return phrases


def parse_lead_ins(block):
    """The `lead_ins:` block's patterns, as TaskClassifier+Loading.swift reads them."""
    ign = set(IGNORED)
    out = []
    for line in block[1:]:
        item = line.strip()
        if item.startswith("- "):
            out.append(parse_pattern(item[2:].split("#")[0].strip().strip('"'), ign))
    return out


def parse_vocabulary(block):
    """The `vocabulary:` block ('  crm: [salesforce, zendesk]' lines) as name -> plain word."""
    ign = set(IGNORED)
    out = {}
    for line in block[1:]:
        m = re.match(r'^  ([^\s:#]+): \[([^\]]*)\]', line)
        if m:
            word = tokenize(m.group(1), ign)[0]
            for name in m.group(2).split(","):
                out[tokenize(name, ign)[0]] = word
    return out


def without_lead_ins(lead_ins, toks):
    """Mirror of TaskClassifier.withoutLeadIns: lead-ins off the front while one matches."""
    changed = True
    while changed:
        changed = False
        for pat in lead_ins:
            if len(pat) < len(toks) and all(word_matches(w, t) for w, t in zip(pat, toks)):
                toks = toks[len(pat):]
                changed = True
                break
    return toks


def occurs(pattern, toks, anywhere=False):
    def extend(nxt, pos):
        if nxt == len(pattern):
            return True
        for c in range(pos + 1, min(len(toks) - 1, pos + 1 + PHRASE_GAP) + 1):
            if word_matches(pattern[nxt], toks[c]) and extend(nxt + 1, c):
                return True
        return False
    starts = len(toks) if anywhere or len(toks) <= PHRASE_ANYWHERE_UP_TO else min(1, len(toks))
    return bool(pattern) and any(word_matches(pattern[0], toks[i]) and extend(1, i) for i in range(starts))


def phrase_label(phrases, toks):
    """(label, reason, the pattern that fired as written) of the first phrase that fires, else None."""
    for p in phrases:
        for text, pat in p["patterns"]:
            if p.get("within") is not None and len(toks) > p["within"]:
                continue
            if occurs(pat, toks, anywhere=p.get("anywhere", False)):
                return p["label"], p["reason"], text
    return None


def yaml_str(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def write_rules(path, rules, base, about, phrase_block, lead_in_block=()):
    out = []
    out.append("# Task exposure rules: suggest E0, E1 or E2 for a task statement, with a plain reason.")
    out.append("# Generated by scripts/classifier/taskrules.py mine; reasons are hand-written per family there.")
    out.append("# " + about)
    out.append("# Two layers. First the hand-written `phrases:` (kept by hand in this file; `mine` copies them")
    out.append("# unchanged): the first whose words all occur in the task, in order with at most two other")
    out.append("# words between neighbours, decides the label and gives its reason. In a task of more than five")
    out.append("# words (ignored words aside) the words must start at the task's first word, its main activity.")
    out.append("# A word ending in '*' is a prefix (translat* matches translate, translating, translation).")
    out.append("# Before anything is matched, the `lead_ins:` (kept by hand; `mine` copies them) are taken off")
    out.append("# the front of the task: 'i spend most of my week', 'mostly', 'a lot of' say how much, not what.")
    out.append("# When no phrase fires, the mined `rules:` decide. Each rule: a phrase (words in a row,")
    out.append("# anywhere) or an opening (the task starts with it), the points it adds per label and, when it")
    out.append("# can serve as a reason, its family (the label it explains and the reason shown). A task takes")
    out.append("# the label with the most points (base points included); its reason is that of the strongest")
    out.append("# matched rule whose family explains that label through one of the family's words, provided")
    out.append("# no word of another label's families stands right beside the rule's words in the task and")
    out.append("# no phrase of another label occurs anywhere in it; else the label's general family reason")
    out.append("# when a rule for it matched; else its base reason. Rules without a family only add points.")
    out.append("# Comment after each rule: training tasks that contain it (support), their most common human")
    out.append("# label and that label's share of them (precision).")
    out.append("# Data: Eloundou et al. (2024), MIT License (c) 2024 OpenAI; O*NET tasks, CC BY 4.0.")
    out.append("id: task-exposure")
    out.append("kind: task-classifier")
    out.append("ignore: [" + ", ".join(IGNORED) + "]")
    out.extend(lead_in_block)
    out.append("base:")
    for l in LABELS:
        out.append(f"  {l}: {{points: {base[l]}, reason: {yaml_str(BASE_REASONS[l])}}}")
    out.append("families:")
    for fid, flabel, words, reason in FAMILIES:
        listed = f", words: [{', '.join(words.split())}]" if words.split() else ""
        out.append(f"  {fid}: {{label: {flabel}, reason: {yaml_str(reason)}{listed}}}")
    out.extend(phrase_block)
    out.append("rules:")
    for r in rules:
        key = "phrase" if r["kind"] == "phrase" else "starts"
        pts = ", ".join(f"{l}: {p}" for l, p in sorted(r["points"].items()))
        fam = f", family: {r['family']}" if r["family"] else ""
        out.append(f"  - {{{key}: {' '.join(r['words'])}, points: {{{pts}}}{fam}}}"
                   f"  # support {r['support']}, {r['majority']} {r['precision']:.2f}")
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(out) + "\n")


def kappa(gold, pred):
    n = len(gold)
    agree = sum(g == p for g, p in zip(gold, pred)) / n
    cg, cp = Counter(gold), Counter(pred)
    chance = sum(cg[l] * cp[l] for l in LABELS) / (n * n)
    return agree, (agree - chance) / (1 - chance) if chance < 1 else 0.0


def cmd_crossval(args):
    rows = load(args.data)
    ign = set(IGNORED)
    phrases = parse_phrases(read_phrase_block(args.phrases))
    lead_ins = parse_lead_ins(read_phrase_block(args.phrases, "lead_ins"))
    vocabulary = parse_vocabulary(read_phrase_block(args.phrases, "vocabulary"))
    accs, kaps = [], []
    for k in range(args.folds):
        train, test = split(rows, args.folds, k)
        W, b, counts = train_points(train, args.min_support, args.l2, args.epochs, class_weight=(1.0, args.e1_weight, args.e2_weight),
                                  drop_job_nouns=not args.keep_job_nouns)
        rules, base = to_rules(W, b, counts)
        base["E1"] += args.e1_bias
        base["E2"] += args.e2_bias
        gold = [r["human_label"] for r in test]
        pred = [classify(rules, base, without_lead_ins(lead_ins, [vocabulary.get(t, t) for t in tokenize(r["task"], ign)]), phrases)[0] for r in test]
        a, kp = kappa(gold, pred)
        accs.append(a)
        kaps.append(kp)
        print(f"fold {k}: {len(rules)} rules, {len(test)} tasks, accuracy {a:.3f}, kappa {kp:.3f}", flush=True)
    print(f"mean: accuracy {sum(accs)/len(accs):.3f}, kappa {sum(kaps)/len(kaps):.3f}")


def cmd_mine(args):
    rows = load(args.data)
    if args.fold is not None:
        rows, _ = split(rows, args.folds, args.fold)
        about = f"Trained on folds other than {args.fold} of {args.folds} (by occupation): {len(rows)} tasks."
    else:
        about = f"Trained on all {len(rows)} tasks of task-exposure-train.tsv ({len({r['soc_code'] for r in rows})} occupations)."
    W, b, counts = train_points(rows, args.min_support, args.l2, args.epochs, class_weight=(1.0, args.e1_weight, args.e2_weight),
                                  drop_job_nouns=not args.keep_job_nouns)
    rules, base = to_rules(W, b, counts)
    base["E1"] += args.e1_bias
    base["E2"] += args.e2_bias
    block = read_phrase_block(args.phrases)
    parse_phrases(block)
    write_rules(args.out, rules, base, about, block, read_phrase_block(args.phrases, "lead_ins") + read_phrase_block(args.phrases, "vocabulary"))
    print(f"{args.out}: {len(rules)} rules", file=sys.stderr)


def cmd_split(args):
    rows = load(args.data)
    _, test = split(rows, args.folds, args.fold)
    with open(args.tasks, "w", encoding="utf-8") as t, open(args.labels, "w", encoding="utf-8") as l:
        for r in test:
            t.write(r["task"].replace("\n", " ") + "\n")
            l.write(r["human_label"] + "\n")
    if args.gpt4:
        with open(args.gpt4, "w", encoding="utf-8") as g:
            for r in test:
                g.write(r["gpt4_label"] + "\n")


def cmd_score(args):
    with open(args.labels, encoding="utf-8") as f:
        gold = [line.strip() for line in f]
    with open(args.predictions, encoding="utf-8") as f:
        pred = [line.split("\t", 1)[0].strip() for line in f]
    if len(gold) != len(pred):
        sys.exit(f"error: {len(gold)} labels but {len(pred)} predictions")
    a, kp = kappa(gold, pred)
    print(f"{len(gold)}\t{a:.4f}\t{kp:.4f}")


def spearman(xs, ys):
    def ranks(v):
        order = sorted(range(len(v)), key=lambda i: v[i])
        r = [0.0] * len(v)
        i = 0
        while i < len(order):
            j = i
            while j + 1 < len(order) and v[order[j + 1]] == v[order[i]]:
                j += 1
            for k in range(i, j + 1):
                r[order[k]] = (i + j) / 2
            i = j + 1
        return r
    rx, ry = ranks(xs), ranks(ys)
    mx, my = sum(rx) / len(rx), sum(ry) / len(ry)
    cov = sum((a - mx) * (b - my) for a, b in zip(rx, ry))
    return cov / math.sqrt(sum((a - mx) ** 2 for a in rx) * sum((b - my) ** 2 for b in ry))


def slope(xs, ys):
    """Least-squares slope of ys on xs: 1 when scores move one for one with the published beta."""
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    return sum((a - mx) * (b - my) for a, b in zip(xs, ys)) / sum((a - mx) ** 2 for a in xs)


# Points added to the mined base points of E1 and E2 (see --e1-bias): a shift of the decision
# thresholds, chosen with the class weights on the cross-validation folds (docs/career-checkin.md).
E1_BIAS = 40
E2_BIAS = 0

BETA_BANDS = ((0.0, 0.2), (0.2, 0.4), (0.4, 0.6), (0.6, 1.01))
WEIGHT = {"E0": 0.0, "E1": 1.0, "E2": 0.5}


def cmd_calibrate(args):
    """Occupation scores from held-out predictions (equal task weights, E1 = 1, E2 = 0.5) against
    the published human beta: mean by published-beta band, Spearman's rho and the slope."""
    rows = load(args.data)
    test = [r for k in range(args.folds) for r in split(rows, args.folds, k)[1]]
    with open(args.predictions, encoding="utf-8") as f:
        pred = [line.split("\t", 1)[0].strip() for line in f]
    if len(pred) != len(test):
        sys.exit(f"error: {len(test)} held-out tasks but {len(pred)} predictions")
    published = {}
    with open(args.occupations, newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            published[r["O*NET-SOC Code"]] = float(r["human_rating_beta"])
    ours, gpt4, human = defaultdict(list), defaultdict(list), defaultdict(list)
    for r, p in zip(test, pred):
        ours[r["soc_code"]].append(WEIGHT[p])
        gpt4[r["soc_code"]].append(WEIGHT[r["gpt4_label"]])
        human[r["soc_code"]].append(WEIGHT[r["human_label"]])
    codes = sorted(c for c in ours if c in published)
    mean = lambda v: sum(v) / len(v)
    pub = [published[c] for c in codes]
    o = [mean(ours[c]) for c in codes]
    g = [mean(gpt4[c]) for c in codes]
    print(f"occupations\t{len(codes)}")
    print("published beta\toccupations\tpublished\tours\tgpt4-labels")
    for lo, hi in BETA_BANDS:
        idx = [i for i, b in enumerate(pub) if lo <= b < hi]
        if idx:
            name = f">= {lo:.1f}" if hi > 1 else f"{lo:.1f}-{hi:.1f}"
            print(f"{name}\t{len(idx)}\t{mean([pub[i] for i in idx]):.3f}\t{mean([o[i] for i in idx]):.3f}\t{mean([g[i] for i in idx]):.3f}")
    gold_e1 = [i for i, r in enumerate(test) if r["human_label"] == "E1"]
    recall = lambda labels: sum(labels[i] == "E1" for i in gold_e1) / len(gold_e1)
    print(f"E1 recall (tasks)\t{len(gold_e1)}\t\t{recall(pred):.3f}\t{recall([r['gpt4_label'] for r in test]):.3f}")
    print(f"rho\t\t\t{spearman(pub, o):.3f}\t{spearman(pub, g):.3f}")
    print(f"slope\t\t\t{slope(pub, o):.3f}\t{slope(pub, g):.3f}")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    for name in ("mine", "split", "crossval"):
        p = sub.add_parser(name)
        p.add_argument("--data", default=DEFAULT_DATA)
        p.add_argument("--folds", type=int, default=5)
        p.add_argument("--fold", type=int, default=None)
        if name != "split":
            p.add_argument("--min-support", type=int, default=3, help="training tasks a word or pair must occur in to become a rule")
            p.add_argument("--l2", type=float, default=10.0, help="L2 penalty per pass on each weight, spread over the tasks with its feature")
            p.add_argument("--epochs", type=int, default=30)
            p.add_argument("--e1-weight", type=float, default=2.0, help="weight of E1 examples in the loss (chosen on the cross-validation folds: see docs/career-checkin.md)")
            p.add_argument("--e2-weight", type=float, default=1.3, help="weight of E2 examples in the loss")
            p.add_argument("--e1-bias", type=int, default=E1_BIAS, help="points added to E1's base points (chosen on the cross-validation folds)")
            p.add_argument("--e2-bias", type=int, default=E2_BIAS, help="points added to E2's base points")
            p.add_argument("--keep-job-nouns", action="store_true", help="mine rules on words for people in a job too")
            p.add_argument("--phrases", default=BUNDLED_RULES,
                           help="rule file whose hand-written phrases: block to use (default: the bundled one)")
    sub.choices["mine"].add_argument("--out", required=True)
    sub.choices["split"].add_argument("--tasks", required=True)
    sub.choices["split"].add_argument("--labels", required=True)
    sub.choices["split"].add_argument("--gpt4", help="also write the fold's GPT-4 labels, for comparison")
    p = sub.add_parser("calibrate")
    p.add_argument("--data", default=DEFAULT_DATA)
    p.add_argument("--folds", type=int, default=5)
    p.add_argument("--predictions", required=True, help="the held-out predictions of every fold, fold 0 first")
    p.add_argument("--occupations", required=True, help="occupation-exposure.csv (published betas)")
    p = sub.add_parser("score")
    p.add_argument("--labels", required=True)
    p.add_argument("--predictions", required=True)
    args = ap.parse_args()
    if args.cmd == "split" and args.fold is None:
        sys.exit("error: split needs --fold")
    {"crossval": cmd_crossval, "mine": cmd_mine, "split": cmd_split, "score": cmd_score, "calibrate": cmd_calibrate}[args.cmd](args)


if __name__ == "__main__":
    main()
