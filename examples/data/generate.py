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

Run: python3 examples/data/generate.py   (writes the two CSV files beside it)
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


here = os.path.dirname(os.path.abspath(__file__))
write(os.path.join(here, "answers-previous.csv"),
      answers(20251201, datetime.date(2025, 12, 1), datetime.date(2026, 5, 31)))
write(os.path.join(here, "answers.csv"),
      answers(20260601, datetime.date(2026, 6, 1), datetime.date(2026, 11, 30)))
