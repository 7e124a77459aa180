"""Generates the bundled sample survey answers, deterministically.

Two months of answers from a fictional helpdesk, over four support channels,
for the three metrics cxm-report understands (csat 1-5, nps 0-10, ces 1-7).
The distributions are skewed the way real ones are (J-shaped NPS, CSAT piled
on 4-5, a few channels worse than the others), about 2 % of answers skip the
rating question (an empty rating: a missing answer, never counted), and the
second month improves chat and email noticeably.

Run: python3 examples/data/generate.py   (writes the two CSV files beside it)
"""
import os
import random

CHANNELS = ["chat", "email", "phone", "self-service"]

# weights per rating, from the lowest rating up
CSAT = {"chat": [4, 5, 9, 38, 44], "email": [8, 8, 14, 36, 34],
        "phone": [5, 5, 10, 35, 45], "self-service": [12, 10, 18, 32, 28]}
NPS = {"chat": [3, 1, 1, 2, 2, 4, 5, 12, 18, 22, 30], "email": [5, 2, 2, 3, 4, 6, 8, 14, 18, 17, 21],
       "phone": [2, 1, 1, 2, 3, 4, 6, 12, 20, 22, 27], "self-service": [7, 3, 3, 4, 5, 8, 9, 14, 16, 14, 17]}
CES = {"chat": [3, 4, 6, 10, 20, 30, 27], "email": [6, 7, 9, 14, 22, 24, 18],
       "phone": [3, 3, 6, 11, 21, 30, 26], "self-service": [9, 9, 12, 16, 20, 19, 15]}
METRICS = [("csat", 1, CSAT), ("nps", 0, NPS), ("ces", 1, CES)]
VOLUME = {"chat": 420, "email": 300, "phone": 260, "self-service": 220}  # answers per metric


def improve(weights, better):
    """Shifts a little weight from the lowest ratings to the highest."""
    w = list(weights)
    k = max(1, len(w) // 3)
    for i in range(k):
        moved = w[i] * better
        w[i] -= moved
        w[-1 - i] += moved
    return w


def month(seed, better):
    rng = random.Random(seed)
    rows = []
    for channel in CHANNELS:
        for metric, low, table in METRICS:
            weights = table[channel]
            if channel in ("chat", "email"):
                weights = improve(weights, better)
            volume = VOLUME[channel] + rng.randint(-25, 25)
            for _ in range(volume):
                if rng.random() < 0.02:
                    rows.append((metric, "", channel))
                    continue
                rating = rng.choices(range(low, low + len(weights)), weights)[0]
                rows.append((metric, str(rating), channel))
    rng.shuffle(rows)
    return rows


def write(path, rows):
    with open(path, "w", newline="") as f:
        f.write("metric,rating,segment\n")
        for metric, rating, segment in rows:
            f.write(f"{metric},{rating},{segment}\n")


here = os.path.dirname(os.path.abspath(__file__))
write(os.path.join(here, "answers-previous.csv"), month(20261001, 0.0))
write(os.path.join(here, "answers.csv"), month(20261101, 0.6))
