"""Typed statistics hot path: mean, variance, median, percentiles, histogram, z-scores, moving average."""
import math
from typing import List

SAMPLES: List[float] = [12.5, 7.25, 19.0, 3.5, 11.75, 15.0, 8.5, 22.25, 14.0, 9.75,
                        17.5, 5.0, 13.25, 10.5, 16.75, 6.25, 20.5, 11.0, 12.0, 18.25]
BUCKETS: int = 5


def mean(xs: List[float]) -> float:
    total = 0.0
    for x in xs:
        total += x
    return total / len(xs)


def variance(xs: List[float], sample: bool = True) -> float:
    m = mean(xs)
    acc = 0.0
    for x in xs:
        acc += (x - m) * (x - m)
    return acc / (len(xs) - 1 if sample else len(xs))


def sorted_copy(xs: List[float]) -> List[float]:
    out: List[float] = []
    for x in xs:
        out.append(x)
    for i in range(1, len(out)):
        key = out[i]
        j = i - 1
        while j >= 0 and out[j] > key:
            out[j + 1] = out[j]
            j -= 1
        out[j + 1] = key
    return out


def median(xs: List[float]) -> float:
    s = sorted_copy(xs)
    n = len(s)
    if n % 2 == 1:
        return s[n // 2]
    return (s[n // 2 - 1] + s[n // 2]) / 2.0


def percentile(xs: List[float], p: float) -> float:
    s = sorted_copy(xs)
    pos = (len(s) - 1) * p / 100.0
    lo = math.floor(pos)
    hi = math.ceil(pos)
    if lo == hi:
        return s[lo]
    return s[lo] + (s[hi] - s[lo]) * (pos - lo)


def histogram(xs: List[float], buckets: int) -> List[int]:
    lo = min(xs)
    hi = max(xs)
    width = (hi - lo) / buckets
    counts = [0] * buckets
    for x in xs:
        b = int((x - lo) / width)
        if b >= buckets:
            b = buckets - 1
        counts[b] += 1
    return counts


def z_scores(xs: List[float]) -> List[float]:
    m = mean(xs)
    sd = math.sqrt(variance(xs))
    out: List[float] = []
    for x in xs:
        out.append((x - m) / sd)
    return out


def moving_average(xs: List[float], window: int) -> List[float]:
    out: List[float] = []
    acc = 0.0
    for i in range(len(xs)):
        acc += xs[i]
        if i >= window:
            acc -= xs[i - window]
        if i >= window - 1:
            out.append(acc / window)
    return out


if __name__ == "__main__":
    n = len(SAMPLES)
    m = mean(SAMPLES)
    sd = math.sqrt(variance(SAMPLES))
    print(f"samples   {n}")
    print(f"mean      {m:.3f}")
    print(f"std dev   {sd:.3f} (population {math.sqrt(variance(SAMPLES, sample=False)):.3f})")
    print(f"median    {median(SAMPLES):.3f}")
    for p in [10.0, 25.0, 75.0, 90.0]:
        print(f"p{p:<8.0f} {percentile(SAMPLES, p):.3f}")
    lo = min(SAMPLES)
    width = (max(SAMPLES) - lo) / BUCKETS
    counts = histogram(SAMPLES, BUCKETS)
    for b in range(BUCKETS):
        start = lo + b * width
        print(f"[{start:6.2f}, {start + width:6.2f}) {counts[b]:>3} {'#' * counts[b]}")
    z = z_scores(SAMPLES)
    outliers = 0
    for v in z:
        if abs(v) > 1.5:
            outliers += 1
    print(f"max |z|   {max(max(z), -min(z)):.3f}, beyond 1.5 sigma: {outliers}")
    ma = moving_average(SAMPLES, 4)
    print(f"moving average (4): first {ma[0]:.3f}, last {ma[-1]:.3f}, points {len(ma)}")
