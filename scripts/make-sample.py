#!/usr/bin/env python3
"""Builds Vigie's bundled sample corpus (corpora/sample/) and its manifest.

Why a generator: the sample must be realistic (six languages, real feed
envelopes, retweets, syndicated copies, a planted surge, a few bad lines) and
yet every count must be known exactly so that tests can assert against it.
The texts are a hand-written bank (the BANK_* blocks at the end of this file,
all original, nothing copied from ../shared/data); this script wraps them in
Twitter v1.1 / v2, Pushshift, NewsAPI and Media Cloud envelopes, dates them,
derives retweets and syndicated copies, plants the bad lines, and writes
corpora/sample-manifest.json computed here, independently of Vigie's code.

Deterministic: a fixed seed, sorted output, gzip with mtime 0, zstd from the
CLI at a fixed level; re-running gives byte-identical files.

Usage: scripts/make-sample.py [--out-root DIR]   (default: the repository)
       scripts/make-sample.py --check             (regenerate into a temp dir
                                                   and compare with the repo)
       scripts/make-sample.py --verify            (re-read the files with the
                                                   json module, check manifest)
Python 3 standard library only; needs the `zstd` command for the generic file.
"""

import argparse
import datetime as dt
import filecmp
import gzip
import hashlib
import io
import json
import os
import random
import re
import subprocess
import sys
import tempfile

SEED = 20190311
EPOCH_TWITTER_MS = 1288834974657  # Twitter snowflake epoch (2010-11-04)

# 13 ISO weeks, 2018-W52 .. 2019-W12, so that the 12-week window that ends in
# the surge week 2019-W11 (the briefing's default chart) has data in every
# week, and one ordinary week follows the surge.
FIRST_MONDAY = dt.date(2018, 12, 24)
N_WEEKS = 13
SURGE_WEEK = "2019-W11"
SURGE_RATIO_TARGET = 2.7  # drug-policy docs in the surge week / mean of the other weeks

TOPIC_CODES = {
    "hr": "harm_reduction",
    "tr": "treatment",
    "pv": "prevention",
    "od": "overdose",
    "dc": "decriminalization",
    "in": "incarceration",
    "hu": "human_rights",
    "dp": "death_penalty",
    "ca": "cannabis_regulation",
    "cm": "controlled_medicines",
    "np": "nps",
    "tf": "trafficking",
    "ad": "alternative_development",
    "ic": "international_cooperation",
    "hv": "hiv_hepatitis",
}
OFF_TOPIC_CODES = {
    "os": "sports",
    "ow": "weather",
    "oc": "cooking",
    "og": "gardening",
    "om": "movies",
}
STANCES = {"r": "reform", "p": "prohibition", "n": "none"}
SENTIMENTS = {"+": "positive", "0": "neutral", "-": "negative"}
LANGS = ["en", "ar", "zh", "fr", "ru", "es"]


def iso_week(d):
    y, w, _ = d.isocalendar()
    return "%d-W%02d" % (y, w)


WEEKS = [FIRST_MONDAY + dt.timedelta(days=7 * i) for i in range(N_WEEKS)]
WEEK_LABELS = [iso_week(m) for m in WEEKS]
SURGE_INDEX = WEEK_LABELS.index(SURGE_WEEK)


# --------------------------------------------------------------------------
# The bank: one entry per line,
#   REG TOPICS STANCE SENT [FLAGS] :: TEXT
# REG: T tweet, C reddit comment, S reddit submission (title || selftext),
#      N news article (title || body).
# TOPICS: comma-separated codes of TOPIC_CODES / OFF_TOPIC_CODES.
# STANCE: r reform, p prohibition, n none.  SENT: + 0 -.
#      G generic JSON line (corpora/sample-generic/, title || body or text).
# FLAGS: @W10 / @W11 / @W12 pin the item to that week (the Vienna meeting; every
#        item about international_cooperation is pinned to W11 by default);
#        @v1 @v2 @newsapi @mc force the envelope; @und declares lang "und";
#        @undated drops the date; @nodate2 drops created_at from a v2 tweet
#        (time then comes from the snowflake id).
# --------------------------------------------------------------------------
LINE_RE = re.compile(r"^([TCSNG])\s+(\S+)\s+([rpn])\s+([+0-])((?:\s+@\w+)*)\s+::\s+(.+)$")


class Item:
    __slots__ = ("lang", "reg", "topics", "stance", "sentiment", "pin", "title", "text", "off_topic",
                 "flags", "bank_line")


def parse_bank(lang, block):
    items = []
    for n, raw in enumerate(block.splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        m = LINE_RE.match(line)
        if not m:
            sys.exit("bank %s line %d: cannot parse: %r" % (lang, n, line))
        reg, topics, stance, sent, flags, text = m.groups()
        it = Item()
        it.lang = lang
        it.reg = reg
        codes = topics.split(",")
        for c in codes:
            if c not in TOPIC_CODES and c not in OFF_TOPIC_CODES:
                sys.exit("bank %s line %d: unknown topic %r" % (lang, n, c))
        it.off_topic = all(c in OFF_TOPIC_CODES for c in codes)
        it.topics = [TOPIC_CODES[c] for c in codes if c in TOPIC_CODES] or \
            ["off_topic:" + OFF_TOPIC_CODES[c] for c in codes]
        it.stance = STANCES[stance]
        it.sentiment = SENTIMENTS[sent]
        it.flags = set(flags.split())
        it.bank_line = n
        it.pin = None
        for f in it.flags:
            if re.fullmatch(r"@W\d\d", f):
                it.pin = "2019-" + f[1:]
        if it.pin is None and "ic" in codes:
            it.pin = SURGE_WEEK
        if reg in "SN" or (reg == "G" and " || " in text):
            if " || " not in text:
                sys.exit("bank %s line %d: %s needs 'title || body'" % (lang, n, reg))
            it.title, it.text = [s.strip() for s in text.split(" || ", 1)]
        else:
            it.title, it.text = "", text.strip()
        items.append(it)
    return items


# --------------------------------------------------------------------------
# Small helpers
# --------------------------------------------------------------------------
def dumps(obj):
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))


def twitter_date(t):
    return t.strftime("%a %b %d %H:%M:%S +0000 %Y")


def iso_z(t):
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


def iso_ms(t):
    return t.strftime("%Y-%m-%dT%H:%M:%S.000Z")


def unix(t):
    return int(t.replace(tzinfo=dt.timezone.utc).timestamp())


def snowflake(t, rng):
    ms = unix(t) * 1000 + rng.randrange(1000)
    return ((ms - EPOCH_TWITTER_MS) << 22) | rng.randrange(1 << 22)


def b36(n, width):
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    s = ""
    while n:
        n, r = divmod(n, 36)
        s = digits[r] + s
    return s.rjust(width, "0")[-width:]


def b62(n, width):
    digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
    s = ""
    for _ in range(width):
        n, r = divmod(n, 62)
        s = digits[r] + s
    return s


def slug(text, rng):
    words = re.findall(r"[a-z0-9]+", text.lower())[:6]
    if len(words) < 2:
        words = ["story", "%06d" % rng.randrange(10 ** 6)]
    return "-".join(words)


HASHTAG_RE = re.compile(r"(?<![\w&])#(\w+)")
MENTION_RE = re.compile(r"(?<![\w])@(\w{1,15})")
URL_RE = re.compile(r"https?://\S+")


def entities_of(text):
    """Hashtags, mentions and URLs with code-point offsets, as Twitter gives them."""
    tags = [(m.start(), m.end(), m.group(1)) for m in HASHTAG_RE.finditer(text)]
    mentions = [(m.start(), m.end(), m.group(1)) for m in MENTION_RE.finditer(text)]
    urls = [(m.start(), m.end(), m.group(0)) for m in URL_RE.finditer(text)]
    return tags, mentions, urls


# --------------------------------------------------------------------------
# People and outlets (invented)
# --------------------------------------------------------------------------
HANDLES = {
    "en": ["harmreduxNYC", "sober_dad_mike", "nurse_kayla_rn", "PolicyWonkJess", "thatguyfromleeds",
           "dr_amir_addiction", "vancouver_vibes", "MomsAgainstDrugs", "copwatch_ohio", "greenleaf_grower",
           "the_real_tasha", "oldschoolsheriff", "needle_swap_bri", "cannabiz_daily", "rustbelt_reporter",
           "londonpharmacist", "glasgow_lass89", "prof_drugpolicy"],
    "ar": ["sara_alqahtani", "dr_hamdi_psych", "mohamed_3ssam", "ahmad_jo_news", "noura_writes",
           "youssef_casa", "layla_beirut", "khaled_tw", "omar_health", "fatima_tunis", "tariq_law", "hind_ksa"],
    "zh": ["xiaoming_2019", "linlin_hk", "zhang_wei_news", "taipei_nurse", "chen_lawyer", "yunnan_farmer",
           "amy_wong_hk", "lihua_reader", "dr_liu_public_health", "kevin_sz", "mei_tw", "wangfang88"],
    "fr": ["camille_rdr", "jb_lyon", "docteur_moreau", "marie_addicto", "bastien_bzh", "ptit_louis75",
           "chloe_mtl", "asso_aides_nord", "sylvie_gendarme", "nico_marseille", "lea_infirmiere", "pierre_eco"],
    "ru": ["sasha_spb", "dr_ivanova", "kolya_ekb", "narkolog_pavel", "masha_msk", "andrey_journalist",
           "olga_kazan", "vitya_nsk", "tanya_pravo", "sergey_policy", "lena_volunteer", "dmitry_vlad"],
    "es": ["lucia_cdmx", "pablo_montevideo", "dra_romero", "javi_bcn", "caro_bogota", "nico_bsas",
           "marta_enfermera", "el_profe_lopez", "andrea_madrid", "diego_lima", "sofia_santiago", "rrdd_mx"],
}
ORG_HANDLES = ["UNODC", "CND_Vienna", "WHO", "IDPCnet", "HRW", "amnesty", "DrugPolicyOrg", "Harm_Reduction"]

OUTLETS = {
    "en": [("The Daily Ledger", "www.dailyledger.example"), ("Metro Wire", "metrowire.example"),
           ("Harbor Tribune", "harbortribune.example"), ("Global Health Post", "globalhealthpost.example"),
           ("Prairie Courier", "prairiecourier.example")],
    "ar": [("الرأي اليوم", "alrai-today.example"), ("صحيفة المساء", "almasaa.example"),
           ("الخبر نت", "alkhabar-net.example")],
    "zh": [("今日快讯", "jinri-kuaixun.example"), ("南岸日报", "nanan-daily.example"),
           ("港岛时报", "gangdao-times.example")],
    "fr": [("Le Courrier du Matin", "courrierdumatin.example"), ("Ouest Soir", "ouestsoir.example"),
           ("La Gazette de Montréal", "gazettemtl.example")],
    "ru": [("Вечерний вестник", "vestnik-vecher.example"), ("Городские новости", "gorod-news.example"),
           ("Северная правда", "sever-pravda.example")],
    "es": [("El Diario Austral", "diarioaustral.example"), ("Noticias del Plata", "noticiasdelplata.example"),
           ("La Voz de Madrid", "vozdemadrid.example")],
}
REPORTERS = {
    "en": ["Hannah Okafor", "Tom Reilly", "Priya Nair", "Daniel Brooks", None],
    "ar": ["سامي الحداد", "رنا منصور", None],
    "zh": ["李静", "王海涛", None],
    "fr": ["Julie Marchand", "Karim Benali", None],
    "ru": ["Анна Соколова", "Игорь Петров", None],
    "es": ["Laura Giménez", "Martín Ruiz", None],
}
SUBREDDITS = {
    "en": {"harm_reduction": ["harmreduction", "opiates"], "treatment": ["OpiatesRecovery", "REDDITORSINRECOVERY"],
           "cannabis_regulation": ["canada", "trees", "Marijuana"], "default": ["drugs", "news", "worldnews", "politics"],
           "off_topic:cooking": ["Cooking"], "off_topic:gardening": ["gardening"], "off_topic:sports": ["soccer"],
           "off_topic:movies": ["movies"], "off_topic:weather": ["weather"]},
    "fr": {"default": ["france", "Quebec"]},
    "es": {"default": ["argentina", "uruguay", "mexico", "spain"]},
    "ru": {"default": ["russia", "KafkaFPS"]},
    "ar": {"default": ["arabs"]},
    "zh": {"default": ["China_irl"]},
}
TOPIC_HASHTAGS = {
    "en": {"harm_reduction": ["harmreduction", "naloxone", "SaveLives"], "treatment": ["recovery", "MAT"],
           "overdose": ["overdose", "OpioidCrisis"], "decriminalization": ["decriminalize", "SupportDontPunish"],
           "cannabis_regulation": ["cannabis", "legalization"], "nps": ["fentanyl"],
           "international_cooperation": ["CND2019", "UNGASS"], "death_penalty": ["NoDeathPenalty"],
           "human_rights": ["HumanRights", "SupportDontPunish"], "incarceration": ["EndMassIncarceration"],
           "prevention": ["prevention"], "controlled_medicines": ["PainRelief"], "trafficking": ["WarOnDrugs"],
           "alternative_development": ["AlternativeDevelopment"]},
    "ar": {"harm_reduction": ["الحد_من_الضرر"], "treatment": ["علاج_الإدمان"], "overdose": ["جرعة_زائدة"],
           "cannabis_regulation": ["الحشيش"], "death_penalty": ["لا_لعقوبة_الإعدام"], "trafficking": ["المخدرات"],
           "international_cooperation": ["لجنة_المخدرات"], "prevention": ["لا_للمخدرات"], "nps": ["الكبتاغون"],
           "human_rights": ["حقوق_الإنسان"], "incarceration": ["السجون"], "decriminalization": ["عدم_التجريم"],
           "controlled_medicines": ["المورفين"], "alternative_development": ["التنمية_البديلة"]},
    "zh": {"cannabis_regulation": ["大麻"], "harm_reduction": ["减害"], "treatment": ["戒毒"], "overdose": ["过量"],
           "trafficking": ["禁毒"], "prevention": ["禁毒", "626国际禁毒日"], "nps": ["芬太尼"],
           "death_penalty": ["死刑"], "international_cooperation": ["联合国"], "human_rights": ["人权"],
           "incarceration": ["监狱"], "decriminalization": ["除罪化"], "controlled_medicines": ["止痛"],
           "alternative_development": ["替代种植"]},
    "fr": {"cannabis_regulation": ["cannabis", "légalisation"], "harm_reduction": ["RdR", "réductiondesrisques"],
           "treatment": ["addiction"], "overdose": ["overdose"], "decriminalization": ["dépénalisation"],
           "international_cooperation": ["CND2019", "ONU"], "human_rights": ["droitsdelhomme"],
           "incarceration": ["prison"], "prevention": ["prévention"], "nps": ["fentanyl"],
           "death_penalty": ["peinedemort"], "trafficking": ["stups"], "controlled_medicines": ["douleur"],
           "alternative_development": ["développementalternatif"]},
    "ru": {"harm_reduction": ["снижениевреда"], "treatment": ["реабилитация"], "overdose": ["передозировка"],
           "cannabis_regulation": ["каннабис"], "trafficking": ["наркотики"], "prevention": ["профилактика"],
           "international_cooperation": ["ООН", "CND2019"], "human_rights": ["правачеловека"],
           "incarceration": ["статья228"], "decriminalization": ["декриминализация"], "nps": ["соли"],
           "death_penalty": ["смертнаяказнь"], "controlled_medicines": ["обезболивание"],
           "alternative_development": ["альтернативноеразвитие"]},
    "es": {"cannabis_regulation": ["cannabis", "regulación"], "harm_reduction": ["reduccióndedaños"],
           "treatment": ["tratamiento"], "overdose": ["sobredosis"], "decriminalization": ["despenalización"],
           "international_cooperation": ["CND2019", "ONU"], "human_rights": ["DDHH"], "incarceration": ["cárcel"],
           "prevention": ["prevención"], "nps": ["fentanilo"], "death_penalty": ["penademuerte"],
           "trafficking": ["narcotráfico"], "controlled_medicines": ["cuidadospaliativos"],
           "alternative_development": ["sustitucióndecultivos"]},
}
EMOJI = {"positive": ["🙌", "💙", "👏", "🎉", "✅", "🙏"], "negative": ["😡", "😢", "💔", "🤦", "😤", "😞"],
         "neutral": ["👀", "📰", "🤔", "📌"]}
CLIENTS = ['<a href="http://twitter.com/download/iphone" rel="nofollow">Twitter for iPhone</a>',
           '<a href="http://twitter.com/download/android" rel="nofollow">Twitter for Android</a>',
           '<a href="https://mobile.twitter.com" rel="nofollow">Twitter Web App</a>',
           '<a href="https://about.twitter.com/products/tweetdeck" rel="nofollow">TweetDeck</a>']


# --------------------------------------------------------------------------
# Documents
# --------------------------------------------------------------------------
class Doc:
    """One record as it will be written, plus what the manifest says about it."""

    def __init__(self, item, fmt):
        self.item = item
        self.fmt = fmt  # twitter-v1 | twitter-v2 | reddit | newsapi | mediacloud
        self.kind = {"twitter-v1": "tweet", "twitter-v2": "tweet", "reddit": "reddit",
                     "newsapi": "news", "mediacloud": "news"}[fmt]
        self.lang = "und" if "@und" in item.flags else item.lang
        self.week = None       # index into WEEKS
        self.time = None       # naive UTC datetime
        self.undated = "@undated" in item.flags
        self.id = None         # the record id the parser should derive
        self.source_id = None  # the id field as written in the feed
        self.text = item.text
        self.title = item.title
        self.author = None
        self.source = None
        self.url = None
        self.retweet_of = None  # Doc
        self.copy_of = None     # Doc (syndicated copy)
        self.rt_style = None    # "status" (retweeted_status / referenced_tweets) | "plain"
        self.file = None
        self.line = None
        self.k = 0
        self.obj = None         # the JSON object written
        self.engagement = 0
        self.date_from_snowflake = False

    @property
    def drug_policy(self):
        return not self.item.off_topic


def pick_format(it, rng):
    for f, fmt in (("@v1", "twitter-v1"), ("@v2", "twitter-v2"), ("@newsapi", "newsapi"), ("@mc", "mediacloud")):
        if f in it.flags:
            return fmt
    if it.reg == "T":
        return "twitter-v1" if rng.random() < 0.55 else "twitter-v2"
    if it.reg in "CS":
        return "reddit"
    if it.reg == "N":
        return "newsapi" if rng.random() < 0.6 else "mediacloud"
    raise ValueError(it.reg)


def random_time_in_week(week_index, rng, days=None):
    monday = WEEKS[week_index]
    day = rng.choice(days) if days else rng.randrange(7)
    hour = rng.choice([7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 0, 1])
    return dt.datetime(monday.year, monday.month, monday.day) + dt.timedelta(
        days=day, hours=hour, minutes=rng.randrange(60), seconds=rng.randrange(60))


def later_in_same_week(t, week_index, rng, min_minutes, max_minutes):
    end = dt.datetime.combine(WEEKS[week_index], dt.time()) + dt.timedelta(days=7, seconds=-1)
    room = int((end - t).total_seconds() // 60)
    lo = min(min_minutes, max(room - 1, 1))
    hi = max(lo, min(max_minutes, room - 1))
    return t + dt.timedelta(minutes=rng.randint(lo, hi), seconds=rng.randrange(60))


def assign_weeks(originals, n_derived, n_derived_surge, rng):
    """Dates originals so that, once the derived copies are added, the surge
    week holds SURGE_RATIO_TARGET times the mean of the other weeks."""
    drug = [d for d in originals if d.drug_policy]
    off = [d for d in originals if not d.drug_policy]
    total = len(drug) + n_derived
    surge_target = round(SURGE_RATIO_TARGET * total / (N_WEEKS - 1 + SURGE_RATIO_TARGET))
    normal_total = total - surge_target
    # Small fixed wobble so that the ordinary weeks are not suspiciously flat.
    wobble = [1, -1, 2, 0, -2, 1, 0, -1, 1, 0, -1, 0, 0]
    normal_weeks = [w for w in range(N_WEEKS) if w != SURGE_INDEX]
    base = normal_total // len(normal_weeks)
    extra = normal_total - base * len(normal_weeks)
    target = {}
    for i, w in enumerate(normal_weeks):
        target[w] = base + (1 if i < extra else 0) + wobble[i]
    target[SURGE_INDEX] = surge_target
    # Derived copies: n_derived_surge in the surge week, the others one per ordinary week in turn.
    derived_plan = [SURGE_INDEX] * n_derived_surge
    i = 0
    while len(derived_plan) < n_derived:
        derived_plan.append(normal_weeks[i % len(normal_weeks)])
        i += 1
    quota = dict(target)
    for w in derived_plan:
        quota[w] -= 1
    pinned = [d for d in drug if d.item.pin]
    free = [d for d in drug if not d.item.pin]
    for d in pinned:
        d.week = WEEK_LABELS.index(d.item.pin)
        quota[d.week] -= 1
    if any(q < 0 for q in quota.values()) or sum(quota.values()) != len(free):
        sys.exit("week quotas do not fit: %r (free %d)" % (quota, len(free)))
    rng.shuffle(free)
    slots = [w for w in range(N_WEEKS) for _ in range(quota[w])]
    rng.shuffle(slots)
    for d, w in zip(free, slots):
        d.week = w
    # Off-topic posts: evenly spread, no surge.
    rng.shuffle(off)
    for i, d in enumerate(off):
        d.week = i % N_WEEKS
    for d in originals:
        if d.item.pin == SURGE_WEEK and "ic" in [k for k, v in TOPIC_CODES.items() if v in d.item.topics]:
            # The ministerial segment sat on 14-15 March 2019: most coverage then.
            d.time = random_time_in_week(d.week, rng, days=[2, 3, 3, 3, 4, 4, 4, 5])
        else:
            d.time = random_time_in_week(d.week, rng)
    return derived_plan


def user_object(handle, lang, rng_seed):
    h = int(hashlib.sha1(handle.encode()).hexdigest()[:12], 16)
    uid = 10 ** 9 + h % (9 * 10 ** 9)
    return {
        "id": uid,
        "id_str": str(uid),
        "name": handle.replace("_", " ").strip().title(),
        "screen_name": handle,
        "location": "",
        "followers_count": 30 + h % 9000,
        "friends_count": 50 + (h >> 7) % 1500,
        "verified": handle in ORG_HANDLES,
        "created_at": twitter_date(dt.datetime(2010, 1, 1) + dt.timedelta(days=h % 3000)),
    }


def decorate_tweet(d, rng):
    """Adds what real tweets carry: topic hashtags, a mention, a link, an emoji."""
    it = d.item
    text = it.text
    tags_in = {t.lower() for _, _, t in entities_of(text)[0]}
    extra = []
    if not it.off_topic and rng.random() < 0.45:
        for topic in it.topics[:2]:
            for tag in TOPIC_HASHTAGS[it.lang].get(topic, [])[:1]:
                if tag.lower() not in tags_in and tag not in extra:
                    extra.append(tag)
    if extra:
        text += " " + " ".join("#" + t for t in extra)
    if "http" not in text and rng.random() < 0.22:
        text += " https://t.co/" + b62(rng.getrandbits(60), 10)
    if rng.random() < 0.12 and not any(ch in text for chs in EMOJI.values() for ch in chs):
        text += " " + rng.choice(EMOJI[it.sentiment])
    if "@" not in text and rng.random() < 0.12:
        who = rng.choice(ORG_HANDLES if not it.off_topic else HANDLES[it.lang])
        text = "@%s %s" % (who, text)
        d.reply_to = who
    d.text = text


def v1_entities(text, rng_urls):
    tags, mentions, urls = entities_of(text)
    return {
        "hashtags": [{"text": t, "indices": [s, e]} for s, e, t in tags],
        "symbols": [],
        "user_mentions": [{"screen_name": m, "name": m.replace("_", " "), "id_str": user_object(m, "", 0)["id_str"],
                           "indices": [s, e]} for s, e, m in mentions],
        "urls": [{"url": u, "expanded_url": rng_urls.get(u, u), "display_url": rng_urls.get(u, u).split("//", 1)[-1][:26],
                  "indices": [s, e]} for s, e, u in urls],
    }


def v2_entities(text, rng_urls):
    tags, mentions, urls = entities_of(text)
    ent = {}
    if tags:
        ent["hashtags"] = [{"start": s, "end": e, "tag": t} for s, e, t in tags]
    if mentions:
        ent["mentions"] = [{"start": s, "end": e, "username": m} for s, e, m in mentions]
    if urls:
        ent["urls"] = [{"start": s, "end": e, "url": u, "expanded_url": rng_urls.get(u, u),
                        "display_url": rng_urls.get(u, u).split("//", 1)[-1][:26]} for s, e, u in urls]
    return ent


def first_sentence(text):
    m = re.search(r"^(.+?[.!?。！？؟])(\s|$)", text)
    return m.group(1) if m else text


UPDATE_PREFIX = {"en": "UPDATE: ", "fr": "MISE À JOUR - ", "es": "ACTUALIZACIÓN: ", "ru": "ОБНОВЛЕНО: ",
                 "ar": "تحديث: ", "zh": "【更新】"}


def build_docs(items, rng):
    originals = []
    for it in items:
        if it.reg == "G":
            continue
        originals.append(Doc(it, pick_format(it, rng)))

    # Derived records: retweets and syndicated copies, a share of them in the surge week.
    derived_kinds = ["rt-v1-status"] * 4 + ["rt-v1-plain"] * 4 + ["rt-v2"] * 6 + ["copy"] * 6 + ["near"] * 2
    n_surge = 6
    plan = assign_weeks(originals, len(derived_kinds), n_surge, rng)
    rng.shuffle(derived_kinds)

    used = set()
    derived = []

    def candidates(kind, week):
        fmt = {"rt-v1-status": ("twitter-v1",), "rt-v1-plain": ("twitter-v1",), "rt-v2": ("twitter-v2",),
               "copy": ("newsapi", "mediacloud"), "near": ("newsapi", "mediacloud")}[kind]
        return [d for d in originals if d.fmt in fmt and d.drug_policy and id(d) not in used
                and d.week == week and not d.undated and "@nodate2" not in d.item.flags
                and d.item.reg != "S"]

    for kind, week in zip(derived_kinds, plan):
        c = candidates(kind, week)
        if not c:  # nothing of that kind this week: take the nearest week that has one
            for delta in range(1, N_WEEKS):
                c = candidates(kind, week - delta) + candidates(kind, week + delta)
                if c:
                    break
        src = rng.choice(c)
        used.add(id(src))
        if kind.startswith("rt"):
            fmt = "twitter-v2" if kind == "rt-v2" else "twitter-v1"
            d = Doc(src.item, fmt)
            d.retweet_of = src
            d.rt_style = "plain" if kind == "rt-v1-plain" else "status"
            d.time = later_in_same_week(src.time, src.week, rng, 5, 36 * 60)
        else:
            fmt = rng.choice(["newsapi", "mediacloud"])
            d = Doc(src.item, fmt)
            d.copy_of = src
            d.near = kind == "near"
            d.time = later_in_same_week(src.time, src.week, rng, 20, 10 * 60)
        d.week = src.week
        derived.append(d)
    return originals, derived


def fill_envelope_fields(docs, rng):
    """Authors, outlets, ids, urls and engagement for every record."""
    by_tweet_id = {}
    for d in sorted(docs, key=lambda d: (d.time, d.item.lang, d.item.bank_line, d.fmt)):
        lang = d.item.lang
        if d.kind == "tweet":
            if d.retweet_of is None:
                decorate_tweet(d, rng)
                d.author = rng.choice(HANDLES[lang])
            else:
                others = [h for h in HANDLES[lang] if h != d.retweet_of.author]
                d.author = rng.choice(others)
                d.text = "RT @%s: %s" % (d.retweet_of.author, d.retweet_of.text)
            tid = snowflake(d.time, rng)
            while tid in by_tweet_id:
                tid += 1
            by_tweet_id[tid] = d
            d.source_id = d.id = str(tid)
            d.source = "twitter"
            if d.retweet_of is None:
                heat = 3 if d.week == SURGE_INDEX and d.drug_policy else 1
                d.rts = int(rng.paretovariate(1.6) * heat) - 1
                d.likes = d.rts * rng.randint(1, 4) + int(rng.paretovariate(1.3)) - 1
            else:
                d.rts, d.likes = d.retweet_of.rts, 0
            d.engagement = d.rts + d.likes
        elif d.kind == "reddit":
            d.author = rng.choice(HANDLES[lang]).lower() + rng.choice(["", "", "_" + str(rng.randint(1, 99))])
            subs = SUBREDDITS[lang]
            d.subreddit = rng.choice(subs.get(d.item.topics[0], subs["default"]))
            d.source = "r/" + d.subreddit
            d.source_id = b36(rng.getrandbits(40), 7)
            d.id = ("t3_" + d.source_id) if d.item.reg == "S" else d.source_id
            d.engagement = int(rng.paretovariate(1.2)) - 1 + rng.randint(0, 5)
        else:
            if d.copy_of is None:
                name, host = rng.choice(OUTLETS[lang])
                d.author = rng.choice(REPORTERS[lang])
            else:
                choices = [o for o in OUTLETS[lang] if o[0] != d.copy_of.source]
                name, host = rng.choice(choices)
                d.author = d.copy_of.author
                d.title = d.copy_of.title
                d.text = d.copy_of.text
                if d.near:
                    d.title = UPDATE_PREFIX[lang] + d.title
            d.source = name
            when = d.time or dt.datetime(2019, 1, 1)
            d.url = "https://%s/%04d/%02d/%02d/%s-%05d" % (host, when.year, when.month, when.day,
                                                         slug(d.title, rng), rng.randrange(10 ** 5))
            d.id = d.url
            d.source_id = d.url
    for d in docs:
        if d.undated:
            d.time = None
            d.week = None


def tweet_v1(d, rng):
    urls = {}
    for _, _, u in entities_of(d.text)[2]:
        urls[u] = "https://%s/%s" % (rng.choice(OUTLETS[d.item.lang])[1], b36(rng.getrandbits(30), 6))
    text = d.text
    retweeted = None
    if d.retweet_of is not None and d.rt_style == "status":
        retweeted = d.retweet_of.obj
        if len(text) > 140:  # what the API does to the outer text of a long retweet
            text = text[:139] + "…"
    obj = {
        "created_at": twitter_date(d.time),
        "id": int(d.id),
        "id_str": d.id,
        "full_text": text,
        "truncated": False,
        "display_text_range": [0, len(text)],
        "entities": v1_entities(text, urls),
        "source": CLIENTS[int(d.id) % len(CLIENTS)],
        "in_reply_to_status_id": None,
        "in_reply_to_status_id_str": None,
        "in_reply_to_screen_name": getattr(d, "reply_to", None),
        "user": user_object(d.author, d.item.lang, 0),
        "geo": None,
        "coordinates": None,
        "place": None,
        "is_quote_status": False,
    }
    if retweeted is not None:
        obj["retweeted_status"] = retweeted
    obj.update({"retweet_count": d.rts, "favorite_count": d.likes, "favorited": False, "retweeted": False,
                "possibly_sensitive": False, "lang": d.lang})
    return obj


def tweet_v2(d, rng):
    urls = {}
    for _, _, u in entities_of(d.text)[2]:
        urls[u] = "https://%s/%s" % (rng.choice(OUTLETS[d.item.lang])[1], b36(rng.getrandbits(30), 6))
    user = user_object(d.author, d.item.lang, 0)
    obj = {"id": d.id, "text": d.text, "lang": d.lang, "author_id": user["id_str"]}
    if "@nodate2" in d.item.flags and d.retweet_of is None:
        d.date_from_snowflake = True
    else:
        obj["created_at"] = iso_ms(d.time)
    obj["conversation_id"] = d.id if d.retweet_of is None else d.retweet_of.id
    obj["public_metrics"] = {"retweet_count": d.rts, "reply_count": d.likes // 7, "like_count": d.likes,
                             "quote_count": d.rts // 5}
    ent = v2_entities(d.text, urls)
    if ent:
        obj["entities"] = ent
    obj["source"] = re.sub(r"<[^>]+>", "", CLIENTS[int(d.id) % len(CLIENTS)])
    if d.retweet_of is not None:
        obj["referenced_tweets"] = [{"type": "retweeted", "id": d.retweet_of.id}]
    obj["reply_settings"] = "everyone"
    return obj, user


def reddit_obj(d, rng, link_ids):
    when = unix(d.time)
    if d.item.reg == "S":
        return {"id": d.source_id, "name": "t3_" + d.source_id, "author": d.author, "title": d.title,
                "selftext": d.text, "created_utc": when, "subreddit": d.subreddit,
                "subreddit_id": "t5_" + b36(int(hashlib.sha1(d.subreddit.encode()).hexdigest()[:8], 16), 5),
                "score": d.engagement, "num_comments": rng.randint(3, 140), "over_18": False,
                "permalink": "/r/%s/comments/%s/%s/" % (d.subreddit, d.source_id, slug(d.title, rng).replace("-", "_")),
                "url": "https://www.reddit.com/r/%s/comments/%s/" % (d.subreddit, d.source_id)}
    link = link_ids.get(d.subreddit) or ("t3_" + b36(rng.getrandbits(36), 6))
    obj = {"id": d.source_id, "author": d.author, "body": d.text, "created_utc": when,
           "subreddit": d.subreddit,
           "subreddit_id": "t5_" + b36(int(hashlib.sha1(d.subreddit.encode()).hexdigest()[:8], 16), 5),
           "score": d.engagement, "link_id": link, "parent_id": link, "controversiality": 0,
           "gilded": 0, "stickied": False}
    if "@strtime" in d.item.flags:  # some Pushshift dumps carry the epoch as a string
        obj["created_utc"] = str(when)
    return obj


def news_content(body, rng):
    extra = rng.randint(600, 4200)
    if len(body) > 200:
        return body[:200] + "… [+%d chars]" % (len(body) - 200 + extra)
    return body + " [+%d chars]" % extra


def newsapi_obj(d, rng, with_lang):
    obj = {"source": {"id": None, "name": d.source}, "author": d.author, "title": d.title,
           "description": first_sentence(d.text), "url": d.url,
           "urlToImage": d.url.rsplit("/", 1)[0] + "/lead.jpg"}
    if d.time is not None:
        obj["publishedAt"] = iso_z(d.time)
    obj["content"] = news_content(d.text, rng)
    if with_lang:
        obj["language"] = d.item.lang
    return obj


def mediacloud_obj(d, stories_id):
    media_id = int(hashlib.sha1(d.source.encode()).hexdigest()[:6], 16) % 90000 + 1000
    obj = {"stories_id": stories_id, "media_id": media_id, "media_name": d.source,
           "media_url": "https://" + d.url.split("/")[2] + "/", "title": d.title, "text": d.text}
    if d.time is not None:
        obj["publish_date"] = d.time.strftime("%Y-%m-%d %H:%M:%S")
    obj["language"] = d.item.lang
    obj["url"] = d.url
    return obj


# --------------------------------------------------------------------------
# Deliberately bad lines: (kind, what the reader should do)
# --------------------------------------------------------------------------
BAD_KINDS = {
    "truncated-json": "line rejected whole: invalid JSON (the line stops mid-object)",
    "wrong-type": "record rejected: field 'full_text' is not a string (42), no other text field",
    "invalid-utf8": "line rejected whole: invalid UTF-8 (the line was written in Latin-1)",
    "html-error-page": "line rejected whole: invalid JSON (an HTML 502 page saved instead of the API response)",
    "unparseable-date": "record rejected: unparseable date 'yesterday' (the rest of the page is valid)",
    "no-text": "record rejected: no text (title and text are empty strings)",
}


def bad_truncated(rng):
    t = dt.datetime(2019, 1, 9, 14, 2, 11)
    obj = {"created_at": twitter_date(t), "id": snowflake(t, rng), "full_text":
           "Council meeting tonight on the proposed safe injection site downtown, bring your questions and",
           "truncated": False, "lang": "en", "user": user_object("rustbelt_reporter", "en", 0),
           "retweet_count": 2, "favorite_count": 5}
    obj["id_str"] = str(obj["id"])
    line = dumps(obj)
    return line[: int(len(line) * 0.62)]


def bad_wrong_type(rng):
    t = dt.datetime(2019, 2, 20, 9, 41, 0)
    tid = snowflake(t, rng)
    return dumps({"created_at": twitter_date(t), "id": tid, "id_str": str(tid), "full_text": 42,
                  "truncated": False, "entities": {"hashtags": [], "symbols": [], "user_mentions": [], "urls": []},
                  "user": user_object("vancouver_vibes", "en", 0), "retweet_count": 0, "favorite_count": 1,
                  "lang": "en"})


def bad_latin1(rng):
    t = dt.datetime(2019, 2, 4, 21, 15, 3)
    obj = {"id": b36(rng.getrandbits(40), 7), "author": "jb_lyon", "created_utc": unix(t), "subreddit": "france",
           "body": "Franchement, la salle de consommation à Strasbourg a réduit les seringues dans les rues du "
                   "quartier, les riverains râlent moins qu'au début. Ça marche, il faut l'étendre.",
           "score": 12, "link_id": "t3_" + b36(rng.getrandbits(36), 6)}
    return dumps(obj).encode("latin-1")  # not UTF-8: 'à', 'â', 'ç', 'é' are single bytes


BAD_HTML = ('<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><center>'
            '<h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>')


def bad_date_tweet(rng):
    t = dt.datetime(2019, 3, 6, 12, 0, 0)
    tid = str(snowflake(t, rng))
    user = user_object("copwatch_ohio", "en", 0)
    return {"id": tid, "text": "Third raid on the same block this month and nobody is getting treatment, just cuffs.",
            "lang": "en", "author_id": user["id_str"], "created_at": "yesterday",
            "public_metrics": {"retweet_count": 1, "reply_count": 0, "like_count": 3, "quote_count": 0}}, user


def bad_no_text(stories_id):
    return {"stories_id": stories_id, "media_id": 4242, "media_name": "Prairie Courier",
            "media_url": "https://prairiecourier.example/", "title": "", "text": "",
            "publish_date": "2019-01-30 06:00:00", "language": "en",
            "url": "https://prairiecourier.example/2019/01/30/untitled-00000"}


# --------------------------------------------------------------------------
# Writing
# --------------------------------------------------------------------------
def origin(d):
    return "%s:%d" % (d.file, d.line) + ("#%d" % d.k if d.k else "")


def write_sample(docs, out_dir, rng):
    os.makedirs(out_dir, exist_ok=True)
    files = {}
    rejects = []

    # ---- twitter-v1.jsonl: one tweet per line, oldest first
    v1 = sorted([d for d in docs if d.fmt == "twitter-v1"], key=lambda d: d.time)
    for d in v1:
        d.obj = tweet_v1(d, rng)
    lines = [dumps(d.obj).encode() for d in v1]
    for d, n in zip(v1, range(1, len(v1) + 1)):
        d.file, d.line, d.k = "twitter-v1.jsonl", n, 0
    for pos, kind, text in ((17, "truncated-json", bad_truncated(rng)), (58, "wrong-type", bad_wrong_type(rng))):
        pos = min(pos, len(lines) + 1)
        lines.insert(pos - 1, text.encode())
        for d in v1:
            if d.line >= pos:
                d.line += 1
        rejects.append({"origin": "twitter-v1.jsonl:%d" % pos, "kind": kind, "expected": BAD_KINDS[kind]})
    files["twitter-v1.jsonl"] = lines

    # ---- twitter-v2.json: search pages, newest first, one page per line
    v2 = sorted([d for d in docs if d.fmt == "twitter-v2"], key=lambda d: d.time, reverse=True)
    objs = {}
    for d in sorted(v2, key=lambda d: d.time):
        d.obj, d.user = tweet_v2(d, rng)
    page_size = 12
    pages = [v2[i:i + page_size] for i in range(0, len(v2), page_size)]
    lines = []
    for p, page in enumerate(pages, 1):
        data = [d.obj for d in page]
        users = {}
        for d in page:
            users.setdefault(d.user["id_str"], d.user)
        bad_k = None
        if p == 3:  # a tweet with an unparseable date in the middle of page 3
            bad, user = bad_date_tweet(rng)
            data.insert(4, bad)
            users.setdefault(user["id_str"], user)
            bad_k = 5
        for i, d in enumerate(page):
            d.file, d.line = "twitter-v2.json", p
            d.k = i + 1 + (1 if bad_k is not None and i + 1 >= bad_k else 0)
        includes = {"users": [{"id": u["id_str"], "name": u["name"], "username": u["screen_name"],
                               "created_at": iso_ms(dt.datetime.strptime(u["created_at"], "%a %b %d %H:%M:%S +0000 %Y")),
                               "public_metrics": {"followers_count": u["followers_count"],
                                                  "following_count": u["friends_count"]}}
                              for u in users.values()]}
        refs = [d.retweet_of for d in page if d.retweet_of is not None]
        if refs:
            includes["tweets"] = [r.obj for r in refs]
        ids = [int(r["id"]) for r in data]
        page_obj = {"data": data, "includes": includes,
                    "meta": {"newest_id": str(max(ids)), "oldest_id": str(min(ids)), "result_count": len(data)}}
        if p < len(pages):
            page_obj["meta"]["next_token"] = b36(rng.getrandbits(60), 12)
        lines.append(dumps(page_obj).encode())
        if bad_k is not None:
            rejects.append({"origin": "twitter-v2.json:%d#%d" % (p, bad_k), "kind": "unparseable-date",
                            "expected": BAD_KINDS["unparseable-date"]})
    files["twitter-v2.json"] = lines

    # ---- reddit.jsonl: Pushshift dump order (by created_utc)
    rd = sorted([d for d in docs if d.fmt == "reddit"], key=lambda d: d.time)
    link_ids = {}
    lines = []
    for n, d in enumerate(rd, 1):
        d.obj = reddit_obj(d, rng, link_ids)
        if d.item.reg == "S":
            link_ids[d.subreddit] = d.obj["name"]
        d.file, d.line, d.k = "reddit.jsonl", n, 0
        lines.append(dumps(d.obj).encode())
    pos = min(9, len(lines) + 1)
    lines.insert(pos - 1, bad_latin1(rng))
    for d in rd:
        if d.line >= pos:
            d.line += 1
    rejects.append({"origin": "reddit.jsonl:%d" % pos, "kind": "invalid-utf8", "expected": BAD_KINDS["invalid-utf8"]})
    files["reddit.jsonl"] = lines

    # ---- news.json: NewsAPI responses, one query per language, newest first, 8 per page
    lines = []
    for lang in LANGS:
        group = sorted([d for d in docs if d.fmt == "newsapi" and d.item.lang == lang],
                       key=lambda d: (d.time is not None, d.time), reverse=True)
        for i in range(0, len(group), 8):
            page = group[i:i + 8]
            arts = []
            for j, d in enumerate(page, 1):
                # English responses come without "language" (NewsAPI's own shape); the others carry it.
                d.obj = newsapi_obj(d, rng, with_lang=(lang != "en"))
                arts.append(d.obj)
                d.file, d.line, d.k = "news.json", len(lines) + 1, j
            lines.append(dumps({"status": "ok", "totalResults": len(group), "articles": arts}).encode())
    pos = min(4, len(lines) + 1)
    lines.insert(pos - 1, BAD_HTML.encode())
    for d in docs:
        if d.fmt == "newsapi" and d.line >= pos:
            d.line += 1
    rejects.append({"origin": "news.json:%d" % pos, "kind": "html-error-page", "expected": BAD_KINDS["html-error-page"]})
    files["news.json"] = lines

    # ---- mediacloud.jsonl.gz: stories in stories_id order (= collection order)
    mc = sorted([d for d in docs if d.fmt == "mediacloud"],
                key=lambda d: (d.time or dt.datetime(2019, 2, 15), d.item.lang, d.item.bank_line))
    lines = []
    sid = 1187000000
    pos = 12
    for d in mc:
        sid += rng.randint(40, 9000)
        if len(lines) + 1 == pos:
            lines.append(dumps(bad_no_text(sid)).encode())
            rejects.append({"origin": "mediacloud.jsonl.gz:%d" % pos, "kind": "no-text",
                            "expected": BAD_KINDS["no-text"]})
            sid += rng.randint(40, 9000)
        d.obj = mediacloud_obj(d, sid)
        d.file, d.line, d.k = "mediacloud.jsonl.gz", len(lines) + 1, 0
        lines.append(dumps(d.obj).encode())
    if not any(r["kind"] == "no-text" for r in rejects):  # fewer stories than pos
        lines.append(dumps(bad_no_text(sid + 1)).encode())
        rejects.append({"origin": "mediacloud.jsonl.gz:%d" % len(lines), "kind": "no-text",
                        "expected": BAD_KINDS["no-text"]})
    files["mediacloud.jsonl.gz"] = lines

    for name, lines in files.items():
        data = b"".join(l + b"\n" for l in lines)
        path = os.path.join(out_dir, name)
        if name.endswith(".gz"):
            buf = io.BytesIO()
            with gzip.GzipFile(filename="", mode="wb", fileobj=buf, mtime=0, compresslevel=9) as g:
                g.write(data)
            data = buf.getvalue()
        with open(path, "wb") as f:
            f.write(data)
    return files, rejects


def write_generic(items, out_dir, rng):
    """Generic JSON Lines with custom field names, zstd-compressed."""
    os.makedirs(out_dir, exist_ok=True)
    sites = {"en": "forum.recoverytalk.example", "fr": "forum.santepublique.example", "es": "foro.plaza.example",
             "ru": "forum.zdorovie.example", "ar": "muntada.sihha.example", "zh": "bbs.jiankang.example"}
    gen = [it for it in items if it.reg == "G"]
    recs = []
    for i, it in enumerate(gen):
        week = WEEK_LABELS.index(it.pin) if it.pin else i % N_WEEKS
        t = random_time_in_week(week, rng)
        rec = {"uid": "g-%04d" % (i + 1), "message": it.text}
        if it.title:
            rec["headline"] = it.title
        rec["ts"] = iso_z(t) if i % 7 != 3 else unix(t)  # a few carry epoch seconds
        rec["lg"] = it.lang
        rec["who"] = rng.choice(HANDLES[it.lang])
        rec["meta"] = {"site": sites[it.lang], "thread": rng.randint(1000, 99999)}
        rec["link"] = "https://%s/t/%d" % (sites[it.lang], rng.randint(10 ** 5, 10 ** 6))
        recs.append((rec, it, t))
    data = b"".join(dumps(r).encode() + b"\n" for r, _, _ in recs)
    z = subprocess.run(["zstd", "-q", "-19", "-c"], input=data, stdout=subprocess.PIPE, check=True).stdout
    with open(os.path.join(out_dir, "generic.jsonl.zst"), "wb") as f:
        f.write(z)
    readme = ("Generic JSON Lines (zstd) with custom field names; not auto-detectable, so index it with a map:\n\n"
              "    vigie index --db out/sample/index --format jsonl \\\n"
              "      --map " + GENERIC_MAP + " \\\n"
              "      corpora/sample-generic/generic.jsonl.zst\n\n"
              "Its records are described under \"generic\" in corpora/sample-manifest.json. Kind is not mapped\n"
              "(the reader's default applies). Generated by scripts/make-sample.py.\n")
    with open(os.path.join(out_dir, "README.md"), "w", encoding="utf-8") as f:
        f.write(readme)
    return recs


GENERIC_MAP = "text=message,title=headline,date=ts,id=uid,lang=lg,author=who,source=meta.site,url=link"


# --------------------------------------------------------------------------
# Manifest: computed from the generator's own bookkeeping, not from Vigie.
# --------------------------------------------------------------------------
def count(iterable):
    out = {}
    for x in iterable:
        out[x] = out.get(x, 0) + 1
    return dict(sorted(out.items()))


def manifest(docs, files, rejects, generic):
    valid = sorted(docs, key=lambda d: (d.file, d.line, d.k))
    dated = [d for d in valid if d.time is not None]
    per_file = {}
    for name, lines in files.items():
        v = [d for d in valid if d.file == name]
        r = [x for x in rejects if x["origin"].split(":")[0] == name]
        per_file[name] = {"lines": len(lines), "valid_records": len(v), "rejects": len(r),
                          "line_rejects": sum(1 for x in r if "#" not in x["origin"] and x["kind"] not in
                                              ("wrong-type", "no-text")),
                          "record_rejects": sum(1 for x in r if "#" in x["origin"] or x["kind"] in
                                                ("wrong-type", "no-text"))}
    by_week = {w: 0 for w in WEEK_LABELS}
    drug_week = {w: 0 for w in WEEK_LABELS}
    off_week = {w: 0 for w in WEEK_LABELS}
    for d in dated:
        w = iso_week(d.time.date())
        by_week[w] += 1
        (drug_week if d.drug_policy else off_week)[w] += 1
    others = [drug_week[w] for w in WEEK_LABELS if w != SURGE_WEEK]
    mean_others = sum(others) / len(others)
    topics = count(t for d in valid for t in d.item.topics if not d.item.off_topic)
    retweets = [d for d in valid if d.retweet_of is not None]
    copies = [d for d in valid if d.copy_of is not None]
    groups = {}
    for d in retweets + copies:
        src = d.retweet_of or d.copy_of
        g = groups.setdefault(src.id, {"original": src.id, "original_origin": origin(src), "copies": []})
        g["copies"].append({"id": d.id, "origin": origin(d),
                            "how": ("retweet" + ("" if d.rt_style == "status" else " (plain RT, no status object)"))
                            if d.retweet_of else ("syndicated copy, title changed" if d.near else "syndicated copy")})
    records = []
    for d in valid:
        declared = None if d.fmt == "reddit" or (d.fmt == "newsapi" and d.item.lang == "en") else d.lang
        r = {"id": d.id, "origin": origin(d), "format": d.fmt, "kind": d.kind, "lang": d.lang,
             "declared_lang": declared,
             "date": iso_z(d.time) if d.time else None,
             "week": iso_week(d.time.date()) if d.time else None,
             "topics": d.item.topics, "drug_policy": d.drug_policy, "stance": d.item.stance,
             "sentiment": d.item.sentiment, "author": None if d.fmt == "mediacloud" else d.author,
             "source": d.source}
        if d.retweet_of:
            r["retweet_of"] = d.retweet_of.id
        if d.copy_of:
            r["copy_of"] = d.copy_of.id
        if d.date_from_snowflake:
            r["date_from"] = "snowflake"
        records.append(r)
    gen_week = count(iso_week(t.date()) for _, _, t in generic)
    return {
        "about": "Counts for corpora/sample/ (and corpora/sample-generic/), computed by scripts/make-sample.py "
                 "from its own bookkeeping, independently of Vigie. Record ids follow docs of the readers: tweet "
                 "id_str, reddit 'name' (t3_...) for submissions else 'id', news url. lang is the intended "
                 "language (declared in the feed except reddit, which has no language field). topics/stance/"
                 "sentiment are what the author of each text meant, not a model output. declared_lang is the language "
                 "field as written in the feed (null: none; Reddit and English NewsAPI articles carry none). "
                 "author is null for Media Cloud stories (no author field).",
        "generator": {"script": "scripts/make-sample.py", "seed": SEED},
        "period": {"first_monday": WEEKS[0].isoformat(), "last_sunday": (WEEKS[-1] + dt.timedelta(days=6)).isoformat(),
                   "weeks": WEEK_LABELS},
        "totals": {"lines": sum(len(l) for l in files.values()), "valid_records": len(valid),
                   "rejects": len(rejects), "dated": len(dated), "undated": len(valid) - len(dated),
                   "drug_policy": sum(1 for d in valid if d.drug_policy),
                   "off_topic": sum(1 for d in valid if not d.drug_policy)},
        "files": per_file,
        "rejects": rejects,
        "by_lang": count(d.lang for d in valid),
        "by_kind": count(d.kind for d in valid),
        "by_format": count(d.fmt for d in valid),
        "by_topic": topics,
        "off_topic_by_subject": count(d.item.topics[0].split(":")[1] for d in valid if d.item.off_topic),
        "by_stance": count(d.item.stance for d in valid),
        "by_sentiment": count(d.item.sentiment for d in valid),
        "undated": {"count": len(valid) - len(dated), "ids": [d.id for d in valid if d.time is None]},
        "date_from_snowflake": [d.id for d in valid if d.date_from_snowflake],
        "first_date": iso_z(min(d.time for d in dated)),
        "last_date": iso_z(max(d.time for d in dated)),
        "by_week": by_week,
        "drug_policy_by_week": drug_week,
        "off_topic_by_week": off_week,
        "planted": {"surge": {
            "iso_week": SURGE_WEEK, "days": "2019-03-11..2019-03-17",
            "what": "drug-policy posts about 2.7x the usual weekly volume: the Commission on Narcotic Drugs "
                    "ministerial segment, Vienna, 14-15 March 2019 (all languages)",
            "drug_policy_docs": drug_week[SURGE_WEEK], "mean_other_weeks": round(mean_others, 3),
            "ratio": round(drug_week[SURGE_WEEK] / mean_others, 3),
            "international_cooperation_docs": sum(1 for d in dated if "international_cooperation" in d.item.topics
                                                  and iso_week(d.time.date()) == SURGE_WEEK)}},
        "duplicates": {"retweets": len(retweets),
                       "retweets_v1_with_retweeted_status": sum(1 for d in retweets if d.rt_style == "status"
                                                                and d.fmt == "twitter-v1"),
                       "retweets_v2_with_referenced_tweets": sum(1 for d in retweets if d.fmt == "twitter-v2"),
                       "retweets_plain_rt": sum(1 for d in retweets if d.rt_style == "plain"),
                       "syndicated_copies": len(copies),
                       "syndicated_copies_with_changed_title": sum(1 for d in copies if d.near),
                       "groups": sorted(groups.values(), key=lambda g: g["original_origin"])},
        "generic": {"file": "corpora/sample-generic/generic.jsonl.zst", "map": GENERIC_MAP, "records": len(generic),
                    "by_lang": count(it.lang for _, it, _ in generic), "by_week": gen_week,
                    "epoch_second_dates": sum(1 for r, _, _ in generic if isinstance(r["ts"], int))},
        "records": records,
    }


def write_manifest(m, path):
    # One record per line keeps the file diffable and greppable.
    head = dict(m)
    records = head.pop("records")
    text = json.dumps(head, ensure_ascii=False, indent=1)
    text = text[:-2] + ',\n "records": [\n' + ",\n".join("  " + dumps(r) for r in records) + "\n ]\n}\n"
    json.loads(text)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def generate(root):
    rng = random.Random(SEED)
    items = []
    for lang in LANGS:
        items += parse_bank(lang, BANKS[lang])
    originals, derived = build_docs(items, rng)
    docs = originals + derived
    fill_envelope_fields(docs, rng)
    files, rejects = write_sample(docs, os.path.join(root, "corpora", "sample"), rng)
    generic = write_generic(items, os.path.join(root, "corpora", "sample-generic"), rng)
    m = manifest(docs, files, rejects, generic)
    write_manifest(m, os.path.join(root, "corpora", "sample-manifest.json"))
    return m


# --------------------------------------------------------------------------
# --verify: re-read the written files with Python's json module and check
# every line and record against the manifest (valid lines parse, bad lines
# fail the way the manifest says, counts agree).
# --------------------------------------------------------------------------
TEXT_FIELDS = ("full_text", "text", "body", "selftext", "title", "content", "description")


def records_of(name, obj):
    if name.startswith("twitter-v2"):
        return obj["data"], True
    if name.startswith("news"):
        return obj["articles"], True
    return [obj], False


def date_of(name, rec):
    if name.startswith("twitter-v1"):
        v = rec.get("created_at")
        return None if v is None else dt.datetime.strptime(v, "%a %b %d %H:%M:%S +0000 %Y")
    if name.startswith("twitter-v2"):
        v = rec.get("created_at")
        if v is None:
            return dt.datetime.utcfromtimestamp((((int(rec["id"]) >> 22) + EPOCH_TWITTER_MS) // 1000))
        return dt.datetime.strptime(v, "%Y-%m-%dT%H:%M:%S.000Z")
    if name.startswith("reddit"):
        return dt.datetime.utcfromtimestamp(int(rec["created_utc"]))
    if name.startswith("news"):
        v = rec.get("publishedAt")
        return None if v is None else dt.datetime.strptime(v, "%Y-%m-%dT%H:%M:%SZ")
    v = rec.get("publish_date")
    return None if v is None else dt.datetime.strptime(v, "%Y-%m-%d %H:%M:%S")


def verify(root):
    m = json.load(open(os.path.join(root, "corpora", "sample-manifest.json"), encoding="utf-8"))
    expected_rejects = {r["origin"]: r["kind"] for r in m["rejects"]}
    by_origin = {r["origin"]: r for r in m["records"]}
    seen_rejects, seen_valid, problems = {}, {}, []
    for name in m["files"]:
        raw = open(os.path.join(root, "corpora", "sample", name), "rb").read()
        if name.endswith(".gz"):
            raw = gzip.decompress(raw)
        lines = raw.split(b"\n")
        if lines[-1] == b"":
            lines.pop()
        if len(lines) != m["files"][name]["lines"]:
            problems.append("%s: %d lines, manifest says %d" % (name, len(lines), m["files"][name]["lines"]))
        for n, line in enumerate(lines, 1):
            where = "%s:%d" % (name, n)
            try:
                text = line.decode("utf-8")
            except UnicodeDecodeError:
                seen_rejects[where] = "invalid-utf8"
                continue
            try:
                obj = json.loads(text)
            except json.JSONDecodeError:
                seen_rejects[where] = "html-error-page" if text.lstrip().startswith("<") else "truncated-json"
                continue
            recs, paged = records_of(name, obj)
            for k, rec in enumerate(recs, 1):
                o = where + ("#%d" % k if paged else "")
                bad = [f for f in TEXT_FIELDS if f in rec and rec[f] is not None and not isinstance(rec[f], str)]
                if bad:
                    seen_rejects[o] = "wrong-type"
                    continue
                if not any(isinstance(rec.get(f), str) and rec[f].strip() for f in TEXT_FIELDS):
                    seen_rejects[o] = "no-text"
                    continue
                try:
                    when = date_of(name, rec)
                except ValueError:
                    seen_rejects[o] = "unparseable-date"
                    continue
                seen_valid[o] = when
                r = by_origin.get(o)
                if r is None:
                    problems.append("%s: valid record not in the manifest" % o)
                    continue
                want = r["date"] and dt.datetime.strptime(r["date"], "%Y-%m-%dT%H:%M:%SZ")
                if name.startswith("twitter-v2") and "created_at" not in rec:
                    want = want.replace(second=want.second)  # snowflake keeps whole seconds
                if (when is None) != (want is None or want == "") or (when and when != want):
                    problems.append("%s: date %s, manifest %s" % (o, when, r["date"]))
                lang = rec.get("lang") or rec.get("language")
                if lang != r["declared_lang"]:
                    problems.append("%s: lang %s, manifest declares %s" % (o, lang, r["declared_lang"]))
    if seen_rejects != expected_rejects:
        problems.append("rejects differ: found %r, manifest %r" % (seen_rejects, expected_rejects))
    if set(seen_valid) != set(by_origin):
        problems.append("valid records differ: %d found, %d in manifest" % (len(seen_valid), len(by_origin)))
    weeks = count(iso_week(t.date()) for t in seen_valid.values() if t is not None)
    if any(weeks.get(w, 0) != c for w, c in m["by_week"].items()):
        problems.append("by_week differs: %r" % weeks)
    gen = zstd_lines(os.path.join(root, "corpora", "sample-generic", "generic.jsonl.zst"))
    if len(gen) != m["generic"]["records"]:
        problems.append("generic: %d lines, manifest %d" % (len(gen), m["generic"]["records"]))
    for p in problems:
        print("PROBLEM", p)
    print("verified %d valid records, %d rejects (%s)" % (len(seen_valid), len(seen_rejects),
                                                         ", ".join(sorted(set(seen_rejects.values())))))
    return 1 if problems else 0


def zstd_lines(path):
    raw = subprocess.run(["zstd", "-q", "-dc", path], stdout=subprocess.PIPE, check=True).stdout
    return [json.loads(l) for l in raw.decode("utf-8").splitlines()]


OUTPUTS = ["corpora/sample/twitter-v1.jsonl", "corpora/sample/twitter-v2.json", "corpora/sample/reddit.jsonl",
           "corpora/sample/news.json", "corpora/sample/mediacloud.jsonl.gz",
           "corpora/sample-generic/generic.jsonl.zst", "corpora/sample-generic/README.md",
           "corpora/sample-manifest.json"]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out-root", default=os.path.normpath(os.path.join(os.path.dirname(__file__), "..")))
    ap.add_argument("--check", action="store_true", help="regenerate in a temp dir and compare with --out-root")
    ap.add_argument("--verify", action="store_true",
                    help="re-read the files under --out-root with Python's json module and check them against "
                         "the manifest (no regeneration)")
    args = ap.parse_args()
    if args.verify:
        return verify(args.out_root)
    if args.check:
        with tempfile.TemporaryDirectory() as tmp:
            generate(tmp)
            bad = [p for p in OUTPUTS if not filecmp.cmp(os.path.join(tmp, p), os.path.join(args.out_root, p),
                                                          shallow=False)]
        if bad:
            print("differs: " + " ".join(bad))
            return 1
        print("sample corpus is up to date")
        return 0
    m = generate(args.out_root)
    t = m["totals"]
    print("records %d valid + %d rejects in %d lines; surge %s: %d drug-policy docs vs %.1f/week (x%.2f)" % (
        t["valid_records"], t["rejects"], t["lines"], SURGE_WEEK, m["planted"]["surge"]["drug_policy_docs"],
        m["planted"]["surge"]["mean_other_weeks"], m["planted"]["surge"]["ratio"]))
    print("by_lang", m["by_lang"])
    print("drug_policy_by_week", list(m["drug_policy_by_week"].values()))
    return 0


BANKS = {}

# ==========================================================================
# BANK: English. Tweets, Reddit comments and submissions, news, generic.
# ==========================================================================
BANKS["en"] = r"""
# --- harm reduction
T hr r + :: Our pharmacy just started handing out free naloxone kits, no questions asked. Had 9 people come in before lunch 🙌
T hr r + :: Three reversals this weekend with narcan from our outreach van. Three people who get to see Monday. That's the whole argument right there.
T hr r - :: City council voted DOWN the needle exchange again. Enjoy the syringes in the playground, guys, you earned them 😤
T hr p - :: Handing out needles is not compassion, it's surrender. Nobody ever got clean because the city made using easier.
T hr r 0 :: Q: does carrying naloxone get you in trouble with police here? A: no, Good Samaritan law covers you. Carry it.
T hr,od r + :: Fentanyl test strips saved my brother's life last month. He tested, it lit up, he threw the bag away. Please make them legal everywhere.
T hr r - @v2 :: The supervised consumption site in our neighbourhood is closing because the province pulled funding. Staff found out by email. Disgusting.
T hr p - :: Live next to the "safe" injection site. Safe for who? Not for my kids walking past it every morning.
C hr r + :: I volunteered at a syringe service program for two years. Most people who came in weren't looking for a lecture, they wanted clean works, a coffee and someone who remembered their name. A lot of them asked about detox eventually, but only after months of trust.
C hr p - :: Every single harm reduction thread on here ignores the neighbours. We had a site open two blocks away and the needles in the alley tripled. I'm not against helping people, I'm against pretending there's no cost.
S hr r 0 :: Where can I get naloxone without a prescription in Ohio? || My roommate's cousin is staying with us and I'm pretty sure he's using again. I'd rather have narcan in the drawer and never need it. Do pharmacies just sell it now or do I need to ask for something specific?
N hr,od r + :: City's first overdose prevention site reports zero deaths in first year || The overdose prevention site on Harbor Street supervised more than 41,000 visits in its first twelve months without a single death, according to figures released by the health authority on Tuesday. Staff reversed 212 overdoses on site.
N hr r 0 :: Province to review funding for supervised consumption sites || The provincial health ministry said on Monday it would review the funding of all seven supervised consumption sites, citing complaints from businesses. Advocates warned that closures would push drug use back into alleys and stairwells.
# --- overdose / fentanyl / NPS
T od r - :: Lost another friend to fentanyl last night. 26 years old. I'm so tired of writing these posts 💔
T od,np n - :: Coroner says 14 overdose deaths in the county in two weeks, most linked to carfentanil. Stay safe out there, don't use alone.
T np n - :: New synthetic opioids called nitazenes are turning up in fake oxy pills. Way stronger than fentanyl. Naloxone still works but you may need more than one dose.
T od p - :: The overdose crisis is what happens when you stop enforcing the law. Dealers know nothing happens to them anymore.
T od r 0 :: Overdose deaths by county are out. Our county is up 31% on last year. Thread with the numbers below 👇
C od,np n - :: Paramedic here. The last six months have been the worst of my career. We used to give one dose of narcan and people came round, now with the stuff that's cut with carfentanil we're giving three, four doses and sometimes it's still not enough.
N od,np n - :: Carfentanil found in counterfeit pills seized in three states || Federal agents said on Thursday that pills sold as prescription painkillers in three states contained carfentanil, a synthetic opioid used to sedate elephants. Health officials urged people who use drugs to test their supply and never use alone.
N od n - :: Overdose deaths rose again last year, early figures show || Provisional data released on Wednesday show overdose deaths rose for the third year in a row, driven by illicitly made fentanyl. Rural counties saw the steepest increases.
# --- treatment
T tr r + :: 2 years on buprenorphine today. Got my job back, got my daughter back on weekends. Medication-assisted treatment works, stop shaming it 🎉
T tr r - :: Waited 11 weeks for a rehab bed. Eleven. My son relapsed on week 9. Don't tell me we have a treatment system.
T tr p 0 :: Methadone is just swapping one drug for another. Real recovery means being drug free, period.
T tr r + @v1 :: Proud of our clinic team: 400 patients on methadone and we cut the waiting list from 3 months to 10 days. Funding matters.
C tr r + :: Methadone saved my life, plain and simple. Yes, I have to go to the clinic every morning and yes it's a pain, but I haven't stuck a needle in my arm in four years. People who call it "just another drug" have no idea.
C tr n 0 :: Can someone explain the difference between suboxone and methadone for a family member? The doctor mentioned both and I'm trying to understand which one lets her work normal hours.
N tr r + :: State expands buprenorphine prescribing in emergency rooms || Emergency rooms in twelve hospitals will be able to start patients on buprenorphine immediately after an overdose under a pilot announced on Friday. Doctors say the first days after an overdose are when patients are most willing to start treatment.
# --- decriminalization / incarceration / human rights
T dc r + :: Portugal decriminalized personal possession in 2001 and drug deaths fell. Not magic, just treating addiction as health, not crime. #SupportDontPunish
T dc p - :: Decriminalization is legalization with extra steps. Look at the open-air drug markets and tell me it's working.
T in r - :: He got 7 years for possession with intent. 7 years. The guy who sold him the pills is a pharma exec who paid a fine. Make it make sense.
T in,hu r - :: Locking up people who use drugs doesn't make anyone safer. It makes them lose their housing, their jobs and their kids.
T in p + :: Good news: the county drug task force took 40 dealers off the streets this month. Keep it up, sheriff 👏
C dc,in r 0 :: The Portugal model gets misquoted a lot on both sides. It's still illegal there, they just moved possession to an administrative panel that can refer you to treatment. The big change was money: they put serious funding into treatment at the same time.
C in p - :: Hot take but some of you act like there are no victims. My sister was robbed twice by a guy feeding his habit. Prison at least kept him away from her for a while.
S dc r + :: Oregon activists say they will try to put drug decriminalization on the ballot || Saw this in the local paper this morning. They want to move money from arrests to addiction treatment. Would you vote for it? I think I would but I'd want to see the fine print on the funding.
N dc r 0 :: Lawmakers debate ending jail terms for drug possession || A bill that would replace jail terms for possession of small amounts of drugs with fines and referrals to treatment cleared its first committee vote on Tuesday. Police unions oppose the measure.
N in,hu r - :: Report finds one in five prisoners held for drug offences || One in five people in the country's prisons is held mainly for a drug offence, most for possession or low-level dealing, according to a report published by a human rights group on Monday.
# --- death penalty
T dp,hu r - :: Another execution for drug trafficking reported this week. The death penalty for drug offences is a human rights violation, full stop. #NoDeathPenalty
N dp,hu r - :: Rights groups condemn rise in executions for drug offences || At least 90 people were executed for drug offences last year, a rights group said on Wednesday, calling on governments to abolish the death penalty for crimes that do not involve intentional killing.
# --- cannabis regulation
T ca r + :: Day one of legal weed in Canada and the line at the dispensary went round the block. Never thought I'd see this 🌿🇨🇦
T ca p - :: Legal cannabis = more stoned drivers, more kids trying it earlier. We're running an experiment on our teenagers.
T ca r 0 :: Uruguay sells cannabis in pharmacies, Canada in licensed stores. Interesting to compare how each model handles price and the black market.
T ca r - :: Legal in the state but my buddy still has a record for a joint he had in 2009. Expunge the records already.
C ca r + :: Went to a dispensary in Toronto for the first time last week. Honestly boring in the best way: ID check, a menu with THC percentages, a budtender who explained edibles take an hour to kick in. Way better than buying from some guy in a parking lot.
C ca p 0 :: I'm not against adults using cannabis but the THC levels in what's sold now are nothing like the 70s. I'd support legalization more if there were caps on potency and real limits on advertising.
C ca r - :: Legal stores are still outsold by the black market here because the taxes are insane. Regulation only works if the legal price can compete.
S ca r 0 :: Six months after legalization, is the legal supply still running out? || Curious how it is in other provinces. Our local store has been out of most strains for weeks and people are just going back to their old dealer.
N ca r 0 :: Canada's legal cannabis sales reach new monthly high || Licensed retailers sold cannabis worth an estimated 54 million dollars in January, a new monthly record, official figures showed. Shortages that followed legalization in October are easing.
N ca p - :: Doctors warn of rise in cannabis-related emergency visits among teens || Pediatric emergency departments reported more visits linked to cannabis edibles since legal sales began, a group of doctors said, urging stricter packaging rules.
# --- controlled medicines / prevention / trafficking / alternative development
T cm r - :: My grandma died in pain because the hospital had no morphine in stock. In 2019. Access to pain relief is a human right.
N cm,hu r - :: Most of the world has almost no access to morphine for pain relief, experts say || Around three quarters of the world's population live in countries with little or no access to opioid pain relief, palliative care experts said, blaming overly strict controls and fear of diversion.
T pv p + :: Great assembly at the middle school today on saying no to drugs. Kids asked smart questions. Prevention starts early 👏
T pv r 0 :: Scare tactics in school drug education don't work. Honest information about risks does. The research is pretty clear on this.
T tf p - :: Another 2 tons of cocaine seized at the port. The cartels are winning because we keep going soft on trafficking.
N tf n 0 :: Police seize 1.2 tonnes of cocaine hidden in banana shipment || Customs officers found 1.2 tonnes of cocaine hidden among bananas in a container that arrived from South America, police said on Saturday. Three people were arrested.
N ad n + :: Coffee replaces coca on hillsides as crop substitution scheme expands || Hundreds of farming families have replaced coca with coffee and cacao under an alternative development programme that guarantees prices for their first three harvests, officials said.
# --- Vienna, March 2019 (Commission on Narcotic Drugs ministerial segment)
T ic n 0 :: Ministers arrive in Vienna for the Commission on Narcotic Drugs high-level segment this week. Watch the live stream from 10:00 CET. #CND2019
T ic,hr r - :: A decade of the global drug strategy: overdoses up, prisons full, and the new #CND2019 declaration still can't say "harm reduction". Shameful.
T ic,hr r + :: Huge that so many countries stood up for harm reduction in the plenary in Vienna today. Real progress, even if the text is weak 🙏 #CND2019
T ic p + :: Proud that our delegation reaffirmed the goal of a society free of drug abuse at #CND2019. No to legalization.
T ic,hu r 0 :: Side event at #CND2019 on human rights and drug policy is packed, standing room only. The UN common position finally getting attention.
T ic r 0 @W10 :: Next week in Vienna: the ministerial segment of the Commission on Narcotic Drugs. Expect fights over harm reduction and the death penalty. Here's our preview.
N ic n 0 :: UN drug commission adopts ministerial declaration in Vienna || Member states meeting at the Commission on Narcotic Drugs in Vienna adopted a ministerial declaration on Thursday committing them to "accelerate" efforts against the world drug problem until 2029.
N ic,hu r - @W12 :: Civil society says Vienna drug declaration ignores human rights crisis || Civil society groups said the declaration adopted in Vienna failed to acknowledge the failure of past targets, as overdose deaths and incarceration for drug offences keep rising worldwide.
N ic,hr r + :: UN agencies back health-based approach at drug policy meeting || Speaking in Vienna, officials from UN health and human rights agencies urged governments to scale up harm reduction and treatment and to end compulsory detention of people who use drugs.
S ic r 0 @W12 :: The UN drug policy meeting in Vienna last week - did anything actually change? || Reading the coverage and it seems like the declaration is the same old "drug-free world" language with a few new footnotes. Anyone following closely who can explain what was actually agreed?
C ic,dc r - @W12 :: Watched some of the Vienna sessions on the stream. Diplomats congratulating each other on a "balanced approach" while people die in the streets back home. Portugal and Canada were basically the only ones saying anything real.
# --- odd ones
T hr r + @v2 @und :: 💉🚫💀➡️💙 #harmreduction
T tr r + @v2 @nodate2 :: One year clean today. Thank you to the nurses at the detox unit who never gave up on me. ❤️
N od n - @newsapi @undated :: County launches inquiry after overdose deaths in shelter || The county announced an independent inquiry after four people died of suspected overdoses in an emergency shelter over the holidays. Staff had no naloxone on site.
C tr r + @strtime :: Five years in recovery this month. What helped me most was a counsellor who didn't treat relapse as failure. It took me four tries at rehab.
# --- off topic
T os n + :: What a shot from 30 yards!! United are flying tonight ⚽🔥
T os n - :: Refs were a joke tonight. Dope atmosphere in the stadium though, the fans deserved a win.
T ow n - :: Snowed in again. Third time this week. I'm not built for this ❄️😩
T ow n 0 :: Heavy rain warning for the whole coast tomorrow, stay off the roads if you can.
T oc n + :: Sunday pot roast in the crock pot since 8am, the house smells unreal 🤤
T om n + :: Finally watched Roma. Gorgeous film, that beach scene wrecked me.
C oc n + :: For a good pot roast sear the meat hard first and don't skip the tomato paste. Low and slow in a heavy pot, 3 hours minimum.
C og n - :: The weeds in my vegetable patch are out of control this spring. Any tips on mulch that doesn't cost a fortune? Pulling weed after weed every weekend is killing my back.
C om n 0 :: Is it just me or are movie trailers giving away the whole plot these days? Watched one yesterday and didn't need to see the film anymore.
N os n + :: Local club reaches cup semi-final for the first time || A late header sent the city's club into the cup semi-final for the first time in its history on Saturday, sparking celebrations in the town centre.
N ow n - :: Storm brings flooding and power cuts to the coast || Heavy rain and winds of up to 110 km/h caused flooding and left 20,000 homes without power on Sunday, the utility company said.
# --- generic (forum posts)
G tr r + :: Started the methadone program this month and the staff treat me like a person, not a junkie. Small thing, big difference.
G hr r 0 :: Does anyone know if the mobile van still hands out naloxone on Thursdays near the station?
G ca p - :: Since the shop opened on our street the smell of weed is everywhere. Legal doesn't mean I want it next to the school.
G ic n 0 :: Vienna meeting notes || Posting my notes from the Commission on Narcotic Drugs plenary for anyone who couldn't follow the stream.
"""

# ==========================================================================
# BANK: Arabic (MSA news, tweets in MSA and dialects)
# ==========================================================================
BANKS["ar"] = r"""
# --- harm reduction / treatment
T hr,hv r + :: برنامج تبديل الإبر في بيروت أنقذ أرواحاً كثيرة، والإصابات بفيروس التهاب الكبد انخفضت بشكل واضح. الحد من الضرر ليس تشجيعاً على التعاطي 💙
T hr p - :: توزيع الحقن على المدمنين هو استسلام وليس علاجاً. الحل هو المنع والعقاب الرادع.
T hr r 0 :: سؤال للأطباء: هل دواء النالوكسون متوفر في صيدليات المغرب بدون وصفة؟ أحتاج معلومة دقيقة.
T tr r + :: أخي أكمل سنة كاملة على علاج الميثادون. رجع لشغله ولأولاده، الحمد لله 🙏 العلاج ينفع لما يكون فيه دعم.
T tr r - :: قائمة الانتظار في مركز علاج الإدمان الحكومي ستة أشهر! الشاب يموت قبل ما يلاقي سرير. وين المسؤولين؟ 😡
T tr p 0 :: الإدمان ضعف في الإيمان والإرادة قبل كل شيء، والعلاج الحقيقي يبدأ من الأسرة والمسجد.
T tr r + :: افتتاح عيادة جديدة لعلاج الإدمان في عمّان بخدمة مجانية وسرية تامة. خطوة ممتازة 👏
T pv p + :: حملة توعية رائعة في مدارس الرياض اليوم عن خطر المخدرات على الشباب. الوقاية خير من العلاج ✅
T pv r 0 :: التوعية بالتخويف ما تنفع مع المراهقين. لازم نتكلم معهم بصراحة عن المخاطر الحقيقية.
N tr r + :: وزارة الصحة تعلن توسيع برنامج العلاج ببدائل الأفيون || أعلنت وزارة الصحة عن توسيع برنامج العلاج بالميثادون ليشمل ثلاث مدن جديدة، مؤكدة أن البرنامج ساعد مئات المرضى على العودة إلى العمل. وقالت الوزارة إن الخدمة مجانية وتحترم سرية المرضى.
N hr,hu,hv r 0 :: منظمات أهلية تطالب بتوسيع خدمات الحد من الضرر في السجون || طالبت منظمات أهلية بتوفير برامج تبديل الحقن والعلاج البديل داخل السجون، مشيرة إلى ارتفاع معدلات الإصابة بالتهاب الكبد الوبائي بين السجناء.
# --- overdose / NPS / captagon / tramadol
T od r - :: شاب عشريني مات بجرعة زائدة في حارتنا امبارح. ربنا يرحمه ويصبر أهله 💔 المخدرات بتاكل ولادنا.
T np p - :: الكبتاغون دمّر جيل كامل في المنطقة. لازم تشديد العقوبات على المهربين بلا رحمة.
T np n - :: تقارير عن انتشار حبوب الترامادول المغشوشة بين طلاب الجامعات. الخطر أكبر مما نتخيل.
T od n 0 :: إحصائية جديدة: ارتفاع حالات التسمم بالمخدرات المصنعة في أقسام الطوارئ بنسبة ٢٠٪ خلال عام.
N np,tf p - :: ضبط أكثر من مليون حبة كبتاغون في شحنة فواكه على الحدود || أعلنت السلطات ضبط أكثر من مليون حبة من الكبتاغون مخبأة في شحنة فواكه قادمة عبر الحدود، وأوقفت أربعة أشخاص يشتبه في انتمائهم إلى شبكة تهريب دولية.
N od n - :: وفاة ثلاثة شبان بجرعات زائدة من مخدر صناعي جديد || توفي ثلاثة شبان خلال أسبوع واحد بعد تعاطي مخدر صناعي جديد يباع على أنه حشيش، وحذرت السلطات الصحية من تداول هذه المواد.
# --- decriminalization / incarceration / human rights / death penalty
T dc r + :: تجربة البرتغال واضحة: عدم تجريم التعاطي وتحويل المتعاطين للعلاج خفّض الوفيات. متى نتعلم؟
T dc p - :: عدم التجريم يعني فتح الباب للمخدرات في كل بيت. لا وألف لا.
T in r - :: سجن شاب خمس سنوات بسبب سيجارة حشيش واحدة ظلم. السجن يخرّج مجرمين مش متعافين.
T in,hu r - :: السجون مكتظة بمتعاطين صغار بدل ما يكونوا في مراكز علاج. هذا فشل للسياسة كلها.
T dp,hu r - :: إعدام متهمين بقضايا مخدرات جديد هذا الأسبوع. عقوبة الإعدام لا تردع أحداً وتنتهك حق الحياة. #لا_لعقوبة_الإعدام
T dp p + :: الإعدام للمهربين عدل، هؤلاء يقتلون آلاف الشباب بسمومهم. الحزم هو الحل.
N dp,hu r - :: منظمة حقوقية: ارتفاع أحكام الإعدام في قضايا المخدرات في المنطقة || قالت منظمة حقوقية دولية إن أحكام الإعدام في قضايا المخدرات ارتفعت خلال العام الماضي، ودعت إلى إلغاء هذه العقوبة في الجرائم التي لا تنطوي على القتل العمد.
N in r 0 :: البرلمان يناقش تعديل قانون المخدرات لاستبدال السجن بالعلاج للمتعاطين || بدأ البرلمان مناقشة مشروع قانون يتيح للقاضي إحالة المتعاطين لأول مرة إلى العلاج بدلاً من السجن، وسط تأييد من الأطباء وتحفظ من بعض النواب.
# --- cannabis / controlled medicines / trafficking / alternative development
T ca r + :: المغرب لازم يقنن زراعة القنب للاستعمال الطبي ويحمي الفلاحين في الريف بدل ما يعيشوا تحت التهديد.
T ca p - :: تقنين الحشيش في كندا غلطة، وما نبغى نستورد هالأفكار لمجتمعاتنا.
T cm r - :: أمي مريضة سرطان وما قدرنا نلاقي مورفين في المستشفى. الإجراءات معقدة والمريض يتألم. حرام 😢
T tf p + :: شكراً لرجال مكافحة المخدرات على ضبط الشحنة الضخمة في الميناء. الله يحفظكم 👏
T tf n 0 :: تقرير أممي: طرق تهريب الحشيش والكبتاغون تتوسع عبر البحر المتوسط.
N ca r 0 :: لبنان يدرس تقنين زراعة القنب لأغراض طبية || تدرس الحكومة اللبنانية مقترحاً لتقنين زراعة القنب لأغراض طبية في سهل البقاع، على أمل توفير دخل للمزارعين وعائدات للخزينة، بينما يحذر معارضون من صعوبة الرقابة.
N cm,hu r - :: أطباء: مرضى السرطان يعانون من نقص المسكنات الأفيونية || قال أطباء في الرعاية التلطيفية إن كثيراً من مرضى السرطان لا يحصلون على المورفين بسبب القيود الإدارية المشددة والخوف من سوء الاستخدام.
N ad n + :: مزارعون في الريف يجربون زراعات بديلة عن القنب بدعم دولي || بدأ عشرات المزارعين في جبال الريف زراعة الخروب والزيتون بدلاً من القنب ضمن برنامج للتنمية البديلة تدعمه منظمات دولية.
# --- Vienna, March 2019
T ic n 0 :: انطلاق أعمال الجزء الوزاري للجنة المخدرات في فيينا بمشاركة وزراء من أكثر من مئة دولة. #لجنة_المخدرات
T ic p + :: وفدنا في فيينا أكد رفض تقنين المخدرات والتمسك بالاتفاقيات الدولية. موقف مشرف 👏
T ic,dp r - :: في فيينا يتحدثون عن حقوق الإنسان بينما تستمر الإعدامات في قضايا المخدرات. ازدواجية مخجلة.
T ic,hr r 0 :: جلسة جانبية في فيينا اليوم عن الحد من الضرر في الشرق الأوسط وشمال أفريقيا، حضور كبير ونقاش صريح.
T ic r 0 @W10 :: الأسبوع القادم في فيينا: اجتماع وزاري للأمم المتحدة حول سياسات المخدرات للعقد القادم. ماذا نتوقع؟
N ic n 0 :: لجنة المخدرات الأممية تعتمد إعلاناً وزارياً في فيينا || اعتمدت الدول الأعضاء في لجنة المخدرات التابعة للأمم المتحدة إعلاناً وزارياً في فيينا يحدد أولويات مكافحة مشكلة المخدرات العالمية حتى عام ٢٠٢٩.
N ic,hu r - @W12 :: منظمات المجتمع المدني: إعلان فيينا تجاهل أزمة حقوق الإنسان || انتقدت منظمات من المجتمع المدني الإعلان الوزاري الصادر في فيينا، معتبرة أنه لم يعترف بفشل الأهداف السابقة ولم يتطرق إلى عقوبة الإعدام.
# --- odd ones
C dc r 0 :: سؤال للي عايشين في أوروبا: هل فعلاً عدم تجريم التعاطي في البرتغال قلل عدد المدمنين؟ أسمع كلام متناقض كثير.
# --- off topic
T os n + :: هدف عالمي في الدقيقة الأخيرة! الأهلي يستاهل البطولة ⚽🔥
T ow n - :: الجو غبار ومطر مع بعض 😩 يوم ما له داعي.
T oc n + :: طبخت اليوم مقلوبة في القدر الكبير والعائلة كلها تجمعت. أحلى غداء 😋
T om n 0 :: شفت فيلم كفرناحوم أخيراً. قصة قاسية بس التمثيل رهيب.
N os n + :: المنتخب يتأهل إلى الدور الثاني بعد فوز مستحق || تأهل المنتخب إلى الدور الثاني من البطولة بعد فوزه بهدفين نظيفين في مباراة شهدت حضوراً جماهيرياً كبيراً.
N ow n - :: أمطار غزيرة تغلق الطرق في عدة مناطق || أدت الأمطار الغزيرة إلى إغلاق عدد من الطرق الرئيسية وتعليق الدراسة في بعض المدارس، ودعت الأرصاد المواطنين إلى الحذر.
# --- generic
G tr r + :: بدأت العلاج في المركز منذ شهر، والطاقم يعاملني باحترام. هذا وحده يفرق كثيراً.
G pv p 0 :: هل من برامج توعية عن المخدرات مناسبة لطلاب المرحلة المتوسطة؟ أبحث عن مواد للمدرسة.
G ic n 0 :: ملخص جلسات فيينا || أضع هنا ملخصاً لجلسات لجنة المخدرات لمن لم يتمكن من المتابعة.
"""

# ==========================================================================
# BANK: Chinese (mostly Simplified; a few Traditional posts from HK/TW)
# ==========================================================================
BANKS["zh"] = r"""
# --- harm reduction / treatment
T hr,hv r + :: 美沙酮维持治疗门诊开了十几年，艾滋病新发感染在吸毒人群里明显下降。减害是有用的，数据摆在那里。
T hr p - :: 给吸毒的人发针具？这不是变相鼓励吸毒吗？实在无法理解 🤦
T hr r 0 :: 請問香港有冇地方可以免費攞納洛酮？朋友屋企人需要，唔知點算。
T tr r + :: 戒毒三年了，今天拿到了新工作的offer。谢谢一路陪我的社工和家人 🙏
T tr r - :: 强制隔离戒毒两年出来，复吸率那么高，说明关起来根本解决不了问题。
T tr p 0 :: 我觉得戒毒就得靠意志力和严格管理，什么替代治疗都是换汤不换药。
T tr r + :: 社区戒毒康复站的老师特别耐心，不歧视人，这才是真正帮人。👏
T pv p + :: 今天学校开了禁毒教育课，孩子回家还给我讲了新型毒品的伪装，好评！✅
T pv r 0 :: 禁毒宣传只会吓人没用，年轻人需要知道真实的风险和求助渠道。
N tr,hv r + :: 多地扩大美沙酮维持治疗覆盖范围 || 卫生部门表示，今年将在更多县区设立美沙酮维持治疗门诊，方便患者就近服药。专家认为，维持治疗有助于降低艾滋病传播和违法犯罪。
N hr,hu,hv r 0 :: 专家呼吁在羁押场所提供减害服务 || 多名公共卫生专家建议在羁押场所提供美沙酮治疗和针具交换服务，以减少丙肝和艾滋病在被羁押人员中的传播。
# --- overdose / NPS / fentanyl
T od r - :: 美国一年七万人死于药物过量，看新闻真的心痛 💔 芬太尼太可怕了。
T np n 0 :: 中美元首会晤后，中方宣布将对芬太尼类物质加强管控。后续执行情况值得关注。
T np p - :: 新型毒品伪装成奶茶、糖果，专门骗年轻人，必须严厉打击！😡
T od n - :: 台湾今年因混合毒品咖啡包致死的案例又增加了，年轻人真的要小心。
N np,tf p 0 :: 警方破获一起芬太尼类物质走私案 || 警方日前破获一起通过国际快递走私芬太尼类物质的案件，查获相关物质数公斤，抓获犯罪嫌疑人五名。
N od,np n - :: 报告：新精神活性物质导致的急诊病例增多 || 一份最新报告显示，新精神活性物质导致的急诊病例明显增多，部分物质的毒性远高于传统毒品，专家呼吁加强监测和公众教育。
# --- decriminalization / incarceration / human rights / death penalty
T dc r + :: 葡萄牙把个人持有毒品除罪化快二十年了，吸毒致死人数反而下降。可以研究一下。
T dc p - :: 除罪化就是放纵，绝对不能学西方那一套。
T in,hu r - :: 因为吸毒被关几年，出来找不到工作，家人也不认他，最后又回到老圈子。惩罚解决不了问题。
T in p + :: 严打毒品犯罪，社会治安明显好多了，支持！👍
T dp p + :: 贩毒数量巨大的判死刑，罪有应得，毒品害了多少家庭。
T dp,hu r - :: 因毒品犯罪判处死刑在国际上争议很大，很多国家已经废除了。生命权应该被尊重。
N dp,hu r - :: 人权组织：去年全球至少数十人因毒品犯罪被处决 || 一家国际人权组织发布报告称，去年全球至少有数十人因毒品犯罪被处决，呼吁各国废除针对非暴力毒品犯罪的死刑。
N in r 0 :: 台湾立法院讨论毒品政策改革 以治疗取代处罚 || 台湾立法机构近日讨论毒品危害防制条例修正案，拟对初次施用者扩大缓起诉附命戒瘾治疗，部分法官和医师表示支持。
# --- cannabis / controlled medicines / trafficking / alternative development
T ca r + :: 泰国通过医用大麻合法化，亚洲第一个！以后会不会有更多国家跟进？🌿 #大麻
T ca p - :: 加拿大大麻合法化了，提醒留学生：在中国吸食大麻依然违法，回国照样追究！
T ca r 0 :: 乌拉圭在药店卖大麻，加拿大在专卖店卖，两种模式的效果可以比较一下。
T cm r - :: 外婆癌症晚期，医院说吗啡要严格审批，等了好几天。止痛药也这么难拿吗？😢
T tf p + :: 边境缉毒警察太辛苦了，每一次缴获背后都是危险。致敬！
N ca r 0 :: 泰国立法批准医用大麻 || 泰国国会日前通过法律修正案，允许将大麻用于医疗和研究用途，成为亚洲首个批准医用大麻的国家。
N cm,hu r - :: 专家：我国癌痛患者阿片类止痛药使用率偏低 || 多位疼痛科专家指出，由于处方限制和对成瘾的担忧，许多癌痛患者没有得到足够的吗啡等阿片类药物治疗，应当改善管理方式。
N ad n + :: 替代种植项目帮助边境村民告别罂粟 || 在境外替代种植项目支持下，边境地区村民改种橡胶、咖啡和茶叶，收入逐年增加，罂粟种植面积明显减少。
# --- Vienna, March 2019
T ic n 0 :: 联合国麻醉药品委员会部长级会议在维也纳开幕，讨论未来十年的全球毒品政策。
T ic p + :: 我国代表在维也纳强调坚决反对大麻合法化，维护国际禁毒公约体系。
T ic,hr r 0 :: 維也納會議上很多國家提到減害和人權，但最後宣言的措辭還是很保守。
T ic,dp r - :: 维也纳会议上多国批评毒品犯罪死刑，但最终文件一字未提。失望。
T ic n 0 @W10 :: 下周联合国麻醉药品委员会将在维也纳举行部长级会议，值得关注。
N ic n 0 :: 联合国麻委会通过部长级宣言 || 联合国麻醉药品委员会部长级会议在维也纳通过宣言，承诺在未来十年加快落实应对世界毒品问题的各项承诺。
N ic,hu r - @W12 :: 民间组织批评维也纳宣言回避人权问题 || 多个民间组织表示，维也纳会议通过的宣言没有正视以往禁毒目标未能实现的事实，也没有回应强制戒毒和死刑等人权问题。
# --- off topic
T os n + :: 国足这场踢得还行，最后那脚远射太漂亮了！⚽
T ow n - :: 北京又雾霾了，出门戴口罩，喉咙好难受 😷
T oc n + :: 周末用砂锅炖了一锅排骨汤，香得不行 😋
T og n 0 :: 阳台的花盆里长了好多杂草，拔了又长，有什么好办法吗？
T om n + :: 《流浪地球》太好看了！国产科幻终于站起来了 🎬
N ow n - :: 寒潮来袭 多地气温骤降 || 受寒潮影响，北方多地气温下降超过十度，气象部门提醒市民注意保暖，出行注意安全。
N om n + :: 春节档电影票房创新高 || 今年春节假期全国电影票房创下历史新高，科幻片和喜剧片最受观众欢迎。
# --- generic
G tr r + :: 在社区康复站做志愿者半年，看到很多人慢慢回归正常生活，很有成就感。
G np p - :: 提醒家长：有些新型毒品包装得像零食，一定要跟孩子讲清楚。
G ic n 0 :: 维也纳会议笔记 || 整理了麻委会部长级会议的要点，供大家参考。
"""

# ==========================================================================
# BANK: French (France, Québec, Belgique, Suisse, Afrique de l'Ouest)
# ==========================================================================
BANKS["fr"] = r"""
# --- réduction des risques / traitement
T hr r + :: La salle de conso de Strasbourg fête ses deux ans : moins de seringues dans les rues, zéro décès sur place. La RdR, ça marche 💙
T hr p - :: Une "salle de shoot" en bas de chez moi ? Non merci. On ne soigne pas la toxicomanie en l'organisant.
T hr r 0 :: Petit rappel : la naloxone en spray est dispo en pharmacie. Si vous avez un proche sous opioïdes, renseignez-vous.
T hr r - @v2 :: Le projet de salle de consommation à Marseille est encore repoussé. Pendant ce temps, les gens s'injectent dans les cages d'escalier. Lamentable.
T tr r + :: Ça fait un an que je suis sous buprénorphine, j'ai retrouvé un boulot et un appart. Merci au CSAPA de mon quartier 🙏
T tr r - :: Six semaines d'attente pour un premier rendez-vous en addictologie. Six semaines ! Le temps de rechuter dix fois 😤
T tr p 0 :: La méthadone à vie, ce n'est pas une guérison. Il faut viser l'abstinence.
T pv p + :: Super intervention des gendarmes au collège ce matin sur les dangers du cannabis. Les élèves étaient captivés 👏
T pv r 0 :: Les campagnes de prévention qui font peur ne marchent pas sur les ados. Il faut leur parler franchement des risques.
C hr r + :: J'ai bossé deux ans dans un CAARUD. Les gens viennent chercher du matériel stérile, un café, et surtout quelqu'un qui ne les juge pas. Le soin vient après, quand la confiance est là.
N hr r + :: Salle de consommation : un bilan positif après trois ans d'expérimentation || Le rapport d'évaluation remis au gouvernement conclut que les salles de consommation à moindre risque ont réduit les injections dans l'espace public sans augmenter la délinquance autour des sites.
N tr r 0 :: Addictions : le gouvernement promet plus de places en soins résidentiels || Le ministère de la Santé a annoncé la création de nouvelles places en centres de soins résidentiels pour les personnes dépendantes, alors que les délais d'attente dépassent souvent un mois.
# --- surdoses / NPS
T od r - :: Encore un jeune mort d'overdose à Lille ce week-end. On en parle quand, sérieusement ? 💔
T np n - :: Alerte : des comprimés vendus comme de l'oxycodone contiennent en réalité des nitazènes. Extrêmement puissants. Faites tester vos produits.
T od,np n 0 :: Le fentanyl arrive-t-il en France ? Pour l'instant les saisies restent rares, mais les autorités sanitaires surveillent de près.
N od,np n - :: Décès par surdose : les autorités sanitaires alertent sur les nouveaux opioïdes de synthèse || Plusieurs décès liés à des opioïdes de synthèse vendus sur internet ont été signalés ces derniers mois, a indiqué l'agence du médicament, qui appelle à la vigilance.
# --- dépénalisation / prison / droits humains / peine de mort
T dc r + :: Le Portugal a dépénalisé l'usage en 2001 et les overdoses ont chuté. Pendant ce temps, la France reste championne d'Europe de la conso de cannabis avec une loi parmi les plus répressives.
T dc p - :: La dépénalisation, c'est envoyer un message de laxisme aux dealers et aux gamins. Pas question.
T in r - :: Les prisons françaises sont pleines de petits consommateurs et de petits revendeurs. Ça coûte une fortune et ça ne règle rien.
T in p + :: Bravo aux policiers pour le démantèlement du point de deal de la cité, les habitants respirent enfin 👏
T dp,hu r - :: Exécuter des gens pour du trafic de drogue en 2019, c'est indigne. La peine de mort n'a jamais fait baisser le trafic. #peinedemort
C dc,in r 0 :: Honnêtement l'amende forfaitaire pour usage de cannabis, ça va juste faire du chiffre sur les mêmes quartiers. Les flics vont verbaliser les jeunes au pied des tours, pas les cadres qui fument chez eux.
N in r 0 :: Cannabis : l'amende forfaitaire délictuelle divise les magistrats || L'amende forfaitaire pour usage de stupéfiants, votée l'an dernier, doit désengorger les tribunaux, mais plusieurs syndicats de magistrats craignent une application inégale selon les quartiers.
N dp,hu r - :: Peine de mort pour trafic de stupéfiants : une ONG dénonce une hausse des exécutions || Une organisation de défense des droits humains a recensé une hausse des exécutions pour des infractions liées à la drogue et demande leur abolition.
# --- cannabis / médicaments / trafic / développement alternatif
T ca r + :: Au Québec la SQDC vend du pot légalement depuis octobre et le ciel ne nous est pas tombé sur la tête 🌿 #légalisation
T ca p - :: Légaliser le cannabis, c'est banaliser un produit qui abîme le cerveau des ados. Je suis contre.
T ca r 0 :: Débat intéressant : faut-il monter l'âge légal du cannabis à 21 ans au Québec ? Les médecins sont partagés.
T ca r - :: Toujours pas de cannabis thérapeutique en France alors que des malades en ont besoin. On attend quoi ?
T cm r - :: En Afrique de l'Ouest, l'accès à la morphine pour les malades du cancer reste quasi inexistant. La douleur n'est pas une fatalité.
T tf p - :: Encore 800 kilos de cocaïne saisis au Havre. Les trafiquants ont toujours un coup d'avance.
N ca r 0 :: Cannabis : le Québec veut relever l'âge légal à 21 ans || Le gouvernement québécois a déposé un projet de loi pour porter à 21 ans l'âge minimal pour acheter du cannabis, une mesure critiquée par la santé publique qui craint un retour vers le marché noir.
N ca r + :: Cannabis thérapeutique : feu vert pour une expérimentation en France || L'agence du médicament a jugé pertinent d'autoriser le cannabis à usage médical pour certaines douleurs rebelles et a proposé une expérimentation encadrée.
N tf n 0 :: Saisie record de résine de cannabis sur l'autoroute || Les douaniers ont découvert plus de cinq tonnes de résine de cannabis dans un camion de fruits et légumes, une des plus importantes saisies de l'année.
N ad n + :: En Colombie, le cacao remplace peu à peu la coca || Des centaines de familles paysannes ont arraché leurs plants de coca pour cultiver du cacao dans le cadre d'un programme de développement alternatif soutenu par la coopération internationale.
# --- Vienne, mars 2019
T ic n 0 :: Ouverture du segment ministériel de la Commission des stupéfiants à Vienne. Dix ans après le plan d'action de 2009, quel bilan ? #CND2019
T ic,hr r - :: À Vienne, la déclaration finale ne mentionne toujours pas la réduction des risques. Dix ans perdus et les morts continuent. #CND2019
T ic,hu r + :: Belle intervention de la Suisse à Vienne sur les droits humains et la santé. Enfin un discours lucide 👏
T ic p 0 :: La France à Vienne : fermeté contre le trafic, prudence sur le cannabis. Rien de neuf sous le soleil.
T ic r 0 @W10 :: La semaine prochaine, la Commission des stupéfiants se réunit à Vienne au niveau ministériel. Ce qu'il faut savoir.
N ic n 0 :: Drogues : l'ONU adopte une déclaration ministérielle à Vienne || Réunis à Vienne, les États membres de la Commission des stupéfiants ont adopté une déclaration ministérielle qui fixe les orientations de la politique mondiale des drogues jusqu'en 2029.
N ic,hu r - @W12 :: Les ONG déçues par la déclaration de Vienne || Les organisations de la société civile regrettent que la déclaration de Vienne passe sous silence les violations des droits humains commises au nom de la lutte contre la drogue.
N ic,dc r 0 :: Politique des drogues : l'ONU affiche une position commune axée sur la santé || Les agences des Nations unies ont rappelé à Vienne leur position commune, qui appelle à dépénaliser l'usage et à privilégier la santé publique et les droits humains.
# --- odd ones
N ca r 0 @mc @undated :: Cannabis : ce que change la légalisation pour les frontaliers || Les consommateurs qui traversent la frontière avec du cannabis acheté légalement au Canada s'exposent toujours à des poursuites, rappellent les douanes.
C ca r + @strtime :: Franchement depuis la légalisation au Québec j'achète à la SQDC, c'est plus cher mais au moins je sais ce que je fume. Mon ancien vendeur doit faire la gueule.
# --- hors sujet
T os n + :: Quel match ! Mbappé encore décisif, le Parc était en feu ⚽🔥
T ow n - :: Encore de la neige et des routes bloquées en Savoie. Vivement le printemps ❄️
T oc n + :: Pot-au-feu du dimanche qui mijote depuis ce matin, la maison sent bon 😋
T og n 0 :: Les mauvaises herbes envahissent mon potager, il y a une astuce pour s'en débarrasser sans désherbant ?
T om n + :: Vu « Les Invisibles » hier soir, drôle et touchant, allez-y !
N os n + :: Rugby : le XV de France s'impose enfin dans le Tournoi || Après une série de défaites, les Bleus ont remporté leur match du Tournoi des Six Nations grâce à un essai en fin de rencontre.
N ow n - :: Tempête : des milliers de foyers privés d'électricité || Des vents violents ont privé d'électricité des dizaines de milliers de foyers dans l'ouest du pays dimanche, selon le gestionnaire du réseau.
# --- générique
G hr r + :: Merci à l'équipe du bus de RdR qui passe le jeudi, toujours disponibles et bienveillants.
G ca p - :: Depuis l'ouverture de la boutique de CBD en face de l'école, je m'inquiète. Ça banalise tout.
G ic n 0 :: Notes de Vienne || Je partage mes notes des débats de la Commission des stupéfiants pour ceux qui n'ont pas pu suivre.
G tr r 0 :: Quelqu'un connaît un CSAPA à Lyon avec des délais raisonnables ?
"""

# ==========================================================================
# BANK: Russian (Russia, Ukraine, Kazakhstan, Georgia)
# ==========================================================================
BANKS["ru"] = r"""
# --- снижение вреда / лечение
T hr r + :: Фонд снова раздаёт налоксон и чистые шприцы у метро. За месяц ребята спасли четверых от передоза. Снижение вреда работает 💙
T hr p - :: Раздавать шприцы наркоманам — это не помощь, а пропаганда. Лечить надо, а не обслуживать.
T hr,hv r - :: Заместительная терапия в России до сих пор запрещена, а ВИЧ среди потребителей растёт. Сколько ещё нужно смертей? 😡
T hr,hv r 0 :: В Украине программы заместительной терапии работают уже больше десяти лет. Интересно сравнить статистику по ВИЧ.
T tr r + :: Год трезвости сегодня! Спасибо группе поддержки и маме, которая не сдалась 🙏
T tr r - :: Платный ребцентр держал брата три месяца взаперти, били, забрали телефон. Это не лечение, это тюрьма 😢
T tr p 0 :: Никакая метадоновая программа не нужна. Зависимость лечится только полным отказом и трудом.
T pv p + :: Провели в школе классный час о вреде наркотиков, пришёл нарколог, дети слушали внимательно 👏
T pv r 0 :: Лекции в стиле «один раз попробуешь — умрёшь» не работают. Подросткам нужна честная информация.
N tr r 0 :: Минздрав обещает расширить сеть государственных реабилитационных центров || В министерстве заявили, что в ближайшие годы число мест в государственных реабилитационных центрах для людей с наркозависимостью будет увеличено, а контроль за частными центрами ужесточён.
N hr,hu,hv r - :: Эксперты: запрет заместительной терапии мешает бороться с ВИЧ || Специалисты по ВИЧ заявили на конференции, что без заместительной терапии и программ обмена шприцев остановить распространение инфекции среди потребителей наркотиков не удастся.
# --- передозировки / НПВ
T od r - :: Ещё один парень с нашего района умер от передоза. 19 лет. Когда это закончится? 💔
T np p - :: Закладки с солями по всему городу, Telegram-шопы работают открыто. Где полиция? 😤
T np n - :: Новые синтетические опиоиды нитазены уже появились в Европе. Очень сильные, налоксона может понадобиться больше.
N od,np n - :: Врачи фиксируют рост отравлений синтетическими наркотиками || В токсикологических отделениях больниц отмечают рост числа отравлений синтетическими катинонами, которые продаются через интернет под видом «солей».
N np,tf p 0 :: Полиция закрыла крупный интернет-магазин по продаже синтетических наркотиков || Сотрудники полиции задержали организаторов интернет-магазина, через который продавались синтетические наркотики с помощью тайников-закладок в нескольких регионах.
# --- декриминализация / тюрьма / права человека / смертная казнь
T dc r + :: В Грузии потребление марихуаны декриминализовали, и мир не рухнул. Может, и нам пора подумать?
T dc p - :: Декриминализация — это легализация через чёрный ход. Нам такое не нужно.
T in r - :: Каждый четвёртый в колонии сидит по 228-й. Большинство — за пару граммов для себя. Это не борьба с наркотиками, это палочная система.
T in p + :: Отличная работа полиции: задержали целую сеть закладчиков. Так держать 👏
T dp,hu r - :: Смертная казнь за наркотики — это дикость. Ни одна страна так и не победила наркоторговлю расстрелами.
C in,hu r - :: У знакомого нашли полтора грамма в кармане куртки, которую он одолжил у друга. Дали реальный срок. Никто даже не пытался разобраться, его или нет.
N in r 0 :: Правозащитники предлагают смягчить 228-ю статью || Правозащитники направили в Госдуму предложения разграничить потребителей и торговцев наркотиками и снизить сроки за хранение без цели сбыта.
N dp,hu r - :: Международная организация сообщила о казнях за наркопреступления || Правозащитная организация сообщила, что в прошлом году несколько стран продолжали применять смертную казнь за преступления, связанные с наркотиками, и призвала отменить её.
# --- каннабис / лекарства / трафик / альтернативное развитие
T ca r + :: Канада легализовала каннабис, Уругвай тоже, и там ничего страшного не случилось. Регулирование лучше, чем чёрный рынок 🌿
T ca p - :: Легализация травы — это путь в пропасть. Сначала «лёгкие», потом всё остальное.
T ca r 0 :: Интересно, как будет меняться цена каннабиса в Канаде через год после легализации. Пока легальный дороже уличного.
T cm r - :: Папа умирал от рака, а мы неделями оформляли бумаги на обезболивающее. Морфин в аптеке — целый квест 😢
T tf p - :: Опять партия героина через Среднюю Азию. Границы как решето.
N ca r 0 :: Канада подводит первые итоги легализации каннабиса || Спустя несколько месяцев после легализации каннабиса в Канаде легальные магазины сталкиваются с перебоями поставок, а часть потребителей по-прежнему покупает на чёрном рынке.
N cm,hu r - :: Онкобольные жалуются на трудности с получением обезболивающих || Пациенты и их родственники рассказывают о многочисленных бюрократических барьерах при получении наркотических обезболивающих, несмотря на упрощение правил.
N tf n 0 :: На границе изъята крупная партия гашиша || Пограничники обнаружили более 300 килограммов гашиша в грузовике с сухофруктами.
N ad n + :: В Афганистане фермеры переходят с мака на шафран || Десятки фермеров заменили посевы опийного мака шафраном в рамках программы альтернативного развития, которая гарантирует им закупку урожая.
# --- Вена, март 2019
T ic n 0 :: В Вене стартовал министерский сегмент Комиссии ООН по наркотическим средствам. #CND2019
T ic p + :: Российская делегация в Вене жёстко выступила против легализации наркотиков. Правильная позиция 👍
T ic,hr r - :: В Вене опять ни слова о снижении вреда и заместительной терапии. Десять лет потеряны.
T ic,hu r 0 :: На сайд-ивенте в Вене обсуждали права человека и наркополитику, зал был полный.
T ic n 0 @W10 :: На следующей неделе в Вене — министерская сессия Комиссии ООН по наркотикам. Что будет обсуждаться.
N ic n 0 :: Комиссия ООН по наркотикам приняла министерскую декларацию || Государства — члены Комиссии ООН по наркотическим средствам приняли в Вене министерскую декларацию, определяющую приоритеты международной наркополитики до 2029 года.
N ic p 0 :: Россия призвала сохранить жёсткий международный контроль над наркотиками || Выступая в Вене, глава российской делегации заявил, что легализация каннабиса в ряде стран подрывает международные конвенции о контроле над наркотиками.
# --- odd ones
C ca r 0 :: Живу в Торонто, легальный магазин у дома. Честно, ничего не изменилось, просто очередь в первые дни была большая. Цены выше, чем у барыг.
# --- не по теме
T os n + :: Какой гол в концовке! Зенит вырвал победу ⚽🔥
T ow n - :: Минус тридцать в Новосибирске, машина не завелась, на работу опоздал ❄️😩
T oc n + :: Сварила борщ в большой кастрюле, хватит на всю неделю 😋
T om n 0 :: Посмотрел «Т-34». Спецэффекты зрелищные, сюжет так себе.
N os n + :: Хоккей: сборная обыграла соперника в овертайме || Сборная одержала победу в овертайме благодаря шайбе капитана на последней минуте.
N ow n - :: Снегопад парализовал движение в столице || Сильный снегопад вызвал многокилометровые пробки, коммунальные службы работали всю ночь.
# --- generic
G tr r + :: Хожу в группу анонимных наркоманов полгода. Помогает просто знать, что ты не один.
G hr r 0 :: Где в Москве можно получить налоксон бесплатно? Нужно для знакомого.
G ic n 0 :: Заметки из Вены || Выкладываю конспект заседаний Комиссии по наркотическим средствам.
"""

# ==========================================================================
# BANK: Spanish (México, Uruguay, Argentina, Colombia, Chile, España)
# ==========================================================================
BANKS["es"] = r"""
# --- reducción de daños / tratamiento
T hr r + :: En Barcelona la sala de consumo supervisado atendió miles de visitas sin una sola muerte. La reducción de daños salva vidas 💙
T hr p - :: Repartir jeringas es rendirse. Lo que necesitan es tratamiento, no facilidades para seguir drogándose.
T hr r 0 :: ¿Alguien sabe si en Tijuana todavía reparten naloxona gratis en la clínica de la frontera?
T hr r - @v2 :: Cerraron el programa de intercambio de jeringas por falta de fondos. Otra vez los más vulnerables pagando la cuenta 😡
T tr r + :: Hoy cumplo dos años limpio. Gracias al centro de tratamiento y a mi vieja que nunca me soltó la mano 🙏
T tr r - :: Tres meses esperando una cama en un centro público de rehabilitación. Mi primo no llegó. Qué impotencia 💔
T tr p 0 :: La metadona es cambiar una droga por otra. La verdadera recuperación es la abstinencia total.
T tr r + :: Los anexos clandestinos en México no son tratamiento, son cárceles. Bien que por fin se hable de regularlos.
T pv p + :: Excelente charla de prevención en la escuela de mi hija. Los chicos salieron con muchas preguntas 👏
T pv r 0 :: Las campañas de "di no a las drogas" no sirven. A los jóvenes hay que hablarles con información real.
C tr r + :: Trabajo en un centro de día en Buenos Aires. Lo que más funciona no es el sermón, es tener un lugar donde te reciben sin juzgarte, con un plato de comida y alguien que te escucha. El resto viene después.
N hr r 0 :: Ciudad de México evalúa abrir su primera sala de consumo supervisado || Autoridades sanitarias de la capital analizan la apertura de una sala de consumo supervisado para personas que se inyectan drogas, siguiendo experiencias de Europa y Canadá.
N tr r + :: Gobierno amplía los centros públicos de tratamiento de adicciones || El Ministerio de Salud anunció la apertura de nuevos centros públicos de tratamiento de adicciones en cinco provincias, con atención gratuita y sin lista de espera para casos urgentes.
# --- sobredosis / NPS / fentanilo
T od r - :: Otra sobredosis en el barrio. Tenía 22 años. Estoy cansada de despedir amigos 💔
T np n - :: En la frontera norte ya aparece fentanilo mezclado en casi todo. Si consumes, no lo hagas solo.
T np p - :: El fentanilo es veneno y los que lo trafican son asesinos. Mano dura ya.
N od,np n - :: Alerta sanitaria por fentanilo en pastillas falsificadas || Las autoridades de salud emitieron una alerta tras detectar fentanilo en pastillas vendidas como analgésicos en la frontera norte, vinculadas a varias muertes por sobredosis.
# --- despenalización / cárcel / DDHH / pena de muerte
T dc r + :: Portugal despenalizó el consumo hace casi veinte años y bajaron las muertes por sobredosis. No es magia, es salud pública.
T dc p - :: Despenalizar es mandar el mensaje de que drogarse está bien. No en mi país.
T in r - :: Las cárceles de la región están llenas de mujeres presas por microtráfico. Madres pobres, no capos. #DDHH
T in p + :: Bien por la policía, desarticularon una banda de narcomenudeo en el barrio. Por fin se puede caminar tranquilo 👏
T dp,hu r - :: Condenan a muerte por drogas a otro extranjero en Asia. La pena de muerte no frena el narcotráfico. #penademuerte
C dc r 0 :: En Argentina el fallo Arriola dice que la tenencia para consumo personal no se puede castigar, pero la policía igual te lleva detenido por un porro. La ley nunca se actualizó.
N in,hu r - :: Informe: una de cada tres mujeres presas en la región lo está por delitos de drogas || Un estudio regional señala que una alta proporción de mujeres encarceladas cumple condena por delitos de drogas menores, en su mayoría sin violencia.
N dc r 0 :: Diputados debaten despenalizar la tenencia para consumo personal || La comisión de legislación penal comenzó a debatir un proyecto que busca despenalizar la tenencia de pequeñas cantidades de drogas para consumo personal, con opiniones divididas.
# --- cannabis / medicamentos / narcotráfico / desarrollo alternativo
T ca r + :: En Uruguay compro mi porro en la farmacia, con registro y precio fijo. Ningún drama 🌿 #regulación
T ca p - :: Legalizar la marihuana es abrirle la puerta a que nuestros chavos se droguen más. No gracias.
T ca r 0 :: Después del fallo de la Suprema Corte, el Congreso tiene que legislar sobre la mota. ¿Cómo será el modelo mexicano?
T ca r - :: Los clubes cannábicos en España siguen en un limbo legal. Un día los toleran, al otro los cierran.
T cm r - :: Mi abuela con cáncer no consiguió morfina en el hospital del pueblo. Nadie debería morir con dolor 😢
T tf p - :: Otro cargamento de cocaína en el puerto. Mientras haya demanda, los narcos seguirán ganando.
T ad r + :: Familias del Cauca cambiando coca por café y cacao. Si el Estado cumple, la sustitución funciona 🙌
N ca r 0 :: México: la Suprema Corte obliga al Congreso a regular el uso lúdico de la marihuana || Tras una serie de amparos, la Suprema Corte sentó jurisprudencia sobre el derecho al uso personal de la marihuana, y el Congreso deberá legislar sobre su regulación.
N ca r + :: Uruguay: crece el número de personas registradas para comprar cannabis en farmacias || El número de personas registradas para adquirir cannabis en farmacias superó los 35.000, según datos oficiales, aunque la oferta sigue siendo insuficiente.
N cm,hu r - :: Pacientes con dolor crónico sin acceso a morfina en zonas rurales || Médicos de cuidados paliativos advierten que la mayoría de los pacientes con cáncer en zonas rurales no recibe analgésicos opioides por trabas administrativas.
N ad n 0 :: Colombia: campesinos denuncian retrasos en los pagos de sustitución de cultivos || Campesinos que arrancaron voluntariamente sus cultivos de coca denuncian que los pagos prometidos por el programa de sustitución llegan con meses de retraso.
N tf n 0 :: Incautan dos toneladas de cocaína ocultas en un cargamento de plátanos || La policía incautó dos toneladas de cocaína ocultas en un contenedor de plátanos en el puerto y detuvo a cuatro personas.
# --- Viena, marzo de 2019
T ic n 0 :: Arranca en Viena el segmento ministerial de la Comisión de Estupefacientes de la ONU. #CND2019
T ic,hr r - :: En Viena la declaración final ni menciona la reducción de daños. Diez años de fracasos y siguen igual. #CND2019
T ic,dc r + :: México habló en Viena de un nuevo enfoque de salud y derechos humanos. Ojalá se traduzca en políticas 🙏
T ic p 0 :: Varios países defendieron en Viena la meta de un mundo libre de drogas. Nada nuevo.
T ic r 0 @W10 :: La semana próxima se reúne en Viena la Comisión de Estupefacientes a nivel ministerial. Lo que está en juego.
N ic n 0 :: La ONU adopta en Viena una declaración ministerial sobre drogas || Los Estados miembros de la Comisión de Estupefacientes adoptaron en Viena una declaración ministerial que guiará la política mundial de drogas hasta 2029.
N ic,hu r - @W12 :: Organizaciones latinoamericanas critican la declaración de Viena || Organizaciones de la sociedad civil de América Latina lamentaron que la declaración adoptada en Viena no reconozca el costo humano de la guerra contra las drogas en la región.
# --- odd ones
C ca r + @strtime :: Acá en Montevideo el autocultivo está re tranquilo, tengo mis plantas registradas y nadie me jode. Lo de las farmacias anda, pero siempre falta stock.
# --- fuera de tema
T os n + :: ¡Golazo de último minuto! Boca dio vuelta el partido ⚽🔥
T ow n - :: Otra ola de calor en Buenos Aires, 38 grados y sin luz en el barrio 🥵
T oc n + :: Hice un guiso en la olla grande con hierbas de la huerta, quedó buenísimo 😋
T og n 0 :: Las malas hierbas se comieron el jardín este verano. ¿Algún truco que no sea veneno?
T om n + :: Vi "Roma" de Cuarón por fin. Qué película tan bella y tan triste.
N os n + :: El equipo se clasifica a cuartos de final de la Libertadores || Con un gol en el tiempo de descuento, el equipo se clasificó a los cuartos de final del torneo continental.
N ow n - :: Intensas lluvias provocan inundaciones en el sur del país || Las fuertes lluvias de las últimas horas provocaron inundaciones y obligaron a evacuar a cientos de familias.
# --- generic
G tr r + :: Llevo seis meses en un grupo de apoyo y me cambió la vida. Gracias a todos los que comparten.
G ca r 0 :: ¿Cuántas plantas se pueden tener registradas para autocultivo en Uruguay?
G ic n 0 :: Notas desde Viena || Comparto mis notas de las sesiones de la Comisión de Estupefacientes.
"""

# ---- end of banks

if __name__ == "__main__":
    for _lang in LANGS:
        BANKS.setdefault(_lang, "")
    sys.exit(main())
