"""Generates the bundled sample survey answers, deterministically.

A year of answers from a fictional helpdesk, over four support channels, for
the three metrics cxm-report understands (csat 1-5, nps 0-10, ces 1-7), each
with the RFC 3339 timestamp of the answer in the customer's own offset:

- answers.csv: June to November 2026. On 1 September chat moved to a new
  tool with a human hand-off, and chat answers improve clearly from then on
  (the trend the first README command shows); the other channels stay as
  they were, with noise.
- answers-previous.csv: the six months before, December 2025 to May 2026.

The distributions are skewed the way real ones are (J-shaped NPS, CSAT piled
on 4-5, self-service worse than the rest), and about 2 % of answers skip the
rating question (an empty rating: a missing answer, never counted).

- helpdesk-export.csv: an export as a helpdesk tool writes it, for the
  report's --column, --scale and --weight (issue 25): 400 days from Friday
  14 November 2025 to Friday 18 December 2026, so that the first and last
  months are covered only in part; ';' as the delimiter, a UTF-8 byte order
  mark, CRLF line ends, the tool's own header names, survey names in upper
  case, CSAT on 1-10 and CES on 1-5 (lower is easier), the account's annual
  revenue as a weight, comments with ';', quotes and line breaks inside,
  answers without an agent (bot-handled) and a few without a score. In
  April 2026 agent Farah Haddad joins and her first weeks are rough; from
  July the onboarding flow changes and CES improves for everyone; accounts
  above $40,000 a year are less enthusiastic, which weighting by revenue
  shows.

Run: python3 examples/data/generate.py   (writes the CSV files beside it)
"""
import datetime
import os
import random

CHANNELS = ["chat", "email", "phone", "self-service"]

# weights per rating, from the lowest rating up
CSAT = {"chat": [6, 7, 12, 38, 37], "email": [8, 8, 14, 36, 34],
        "phone": [5, 5, 10, 35, 45], "self-service": [12, 10, 18, 32, 28]}
NPS = {"chat": [5, 2, 2, 3, 4, 6, 8, 13, 18, 18, 21], "email": [5, 2, 2, 3, 4, 6, 8, 14, 18, 17, 21],
       "phone": [2, 1, 1, 2, 3, 4, 6, 12, 20, 22, 27], "self-service": [7, 3, 3, 4, 5, 8, 9, 14, 16, 14, 17]}
CES = {"chat": [5, 6, 8, 13, 22, 25, 21], "email": [6, 7, 9, 14, 22, 24, 18],
       "phone": [3, 3, 6, 11, 21, 30, 26], "self-service": [9, 9, 12, 16, 20, 19, 15]}
METRICS = [("csat", 1, CSAT), ("nps", 0, NPS), ("ces", 1, CES)]
PER_DAY = {"chat": 4.6, "email": 3.3, "phone": 3.0, "self-service": 2.3}  # answers per metric
# chat from 1 September: fewer low ratings, many more top ones
CHAT_AFTER = {"csat": [2, 3, 6, 35, 54], "nps": [1, 1, 1, 1, 2, 3, 5, 10, 17, 24, 35],
              "ces": [1, 2, 4, 8, 18, 33, 34]}
OFFSETS = ["+00:00", "+01:00", "+02:00", "-05:00", "-08:00", "+05:30", "Z"]
CHANGE = datetime.date(2026, 9, 1)


def timestamp(rng, day):
    offset = rng.choice(OFFSETS)
    t = f"{day.isoformat()}T{rng.randint(7, 21):02d}:{rng.randint(0, 59):02d}:{rng.randint(0, 59):02d}"
    return t + offset


def answers(seed, first, last):
    rng = random.Random(seed)
    rows = []
    day = first
    while day <= last:
        for channel in CHANNELS:
            for metric, low, table in METRICS:
                weights = table[channel]
                if channel == "chat" and day >= CHANGE:
                    weights = CHAT_AFTER[metric]
                count = int(PER_DAY[channel] + rng.random() * 2 - 1 + 0.5)
                for _ in range(count):
                    stamp = timestamp(rng, day)
                    if rng.random() < 0.02:
                        rows.append((stamp, metric, "", channel))
                        continue
                    rating = rng.choices(range(low, low + len(weights)), weights)[0]
                    rows.append((stamp, metric, str(rating), channel))
        day += datetime.timedelta(days=1)
    rng.shuffle(rows)
    rows.sort(key=lambda r: r[0][:10])  # exports come in date order, shuffled within a day
    return rows


def write(path, rows):
    with open(path, "w", newline="") as f:
        # date last, so that a program reading the first three columns of the
        # 1.0 layout (metric,rating,segment) still reads them right
        f.write("metric,rating,segment,date\n")
        for stamp, metric, rating, segment in rows:
            f.write(f"{metric},{rating},{segment},{stamp}\n")


# ---- the helpdesk export ---------------------------------------------------

AGENTS = ["Ana Lima", "Ben Ortiz", "Chloé Martin", "Dmitri Sokolov", "Emma Walsh", "Farah Haddad"]
EXPORT_NPS = [4, 1, 2, 2, 3, 5, 7, 12, 18, 20, 26]
EXPORT_CSAT10 = [3, 2, 2, 3, 4, 6, 10, 20, 24, 26]
EXPORT_CES5 = [30, 32, 18, 12, 8]  # 1 very easy ... 5 very hard
ROUGH = [9, 4, 4, 5, 6, 8, 10, 14, 14, 12, 14]  # NPS of a new agent's first weeks
EASIER = [70, 20, 6, 3, 1]  # CES after the new onboarding flow
BIG_ACCOUNT_NPS = [6, 2, 3, 3, 4, 7, 9, 14, 18, 16, 18]  # accounts above $40,000 a year
COMMENTS = ["", "", "", "", "", "", "Quick; thanks", 'Said "soon", took a week',
            "Two problems:\nlogin, then billing", "Prix correct; délai long", "ok"]
SURVEYS = [("NPS", 0.45), ("CSAT", 0.30), ("CES", 0.25)]


def export_rating(rng, survey, agent, day, arr):
    if survey == "NPS":
        rough = agent == "Farah Haddad" and day < datetime.date(2026, 5, 15)
        usual = BIG_ACCOUNT_NPS if arr > 40000 else EXPORT_NPS
        return rng.choices(range(0, 11), ROUGH if rough else usual)[0]
    if survey == "CSAT":
        return rng.choices(range(1, 11), EXPORT_CSAT10)[0]
    return rng.choices(range(1, 6), EASIER if day >= datetime.date(2026, 7, 1) else EXPORT_CES5)[0]


def export_rows(seed, first, last):
    rng = random.Random(seed)
    rows, day, number = [], first, 84000
    while day <= last:
        for _ in range(rng.randint(9, 17)):
            survey = rng.choices([s for s, _ in SURVEYS], [w for _, w in SURVEYS])[0]
            joined = [a for a in AGENTS if a != "Farah Haddad" or day >= datetime.date(2026, 4, 1)]
            agent = "" if rng.random() < 0.06 else rng.choice(joined)
            arr = max(1, int(rng.lognormvariate(9.6, 0.8)))  # annual revenue, dollars
            score = "" if rng.random() < 0.015 else str(export_rating(rng, survey, agent, day, arr))
            stamp = f"{day.isoformat()} {rng.randint(7, 21):02d}:{rng.randint(0, 59):02d}:" \
                    f"{rng.randint(0, 59):02d}{rng.choice(['+00:00', '+01:00', '-05:00'])}"
            rows.append((number, survey, score, agent, rng.choice(["email", "chat", "phone"]),
                         stamp, arr, rng.choice(COMMENTS)))
            number += 1
        day += datetime.timedelta(days=1)
    return rows


def export_field(value):
    text = str(value)
    if any(c in text for c in ';"\r\n'):
        return '"' + text.replace('"', '""') + '"'
    return text


def write_export(path, rows):
    with open(path, "w", newline="", encoding="utf-8-sig") as f:
        f.write("Response ID;Survey;Score;Agent;Channel;Submitted At;Account ARR;Comment\r\n")
        for row in rows:
            f.write(";".join(export_field(v) for v in row).replace("\n", "\r\n") + "\r\n")


here = os.path.dirname(os.path.abspath(__file__))
write(os.path.join(here, "answers-previous.csv"),
      answers(20251201, datetime.date(2025, 12, 1), datetime.date(2026, 5, 31)))
write(os.path.join(here, "answers.csv"),
      answers(20260601, datetime.date(2026, 6, 1), datetime.date(2026, 11, 30)))
write_export(os.path.join(here, "helpdesk-export.csv"),
             export_rows(20251114, datetime.date(2025, 11, 14), datetime.date(2026, 12, 18)))
