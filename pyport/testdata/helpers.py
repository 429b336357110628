import math
from math import sqrt


def norm(v):
    """Euclidean length of a 3-vector."""
    return sqrt(sum([x * x for x in v]))


def describe(values, label="values", precision=3):
    lo, hi = min(values), max(values)
    return "%s: %.*f .. %.*f" % (label, precision, lo, precision, hi)


def clamp(x, lo=0.0, hi=1.0):
    return lo if x < lo else hi if x > hi else x


vectors = [[1.0, 2.0, 2.0], [3.0, 4.0, 0.0], [0.0, 0.0, 0.5]]
lengths = [norm(v) for v in vectors]
print(describe(lengths, "lengths"))
print(describe(lengths, precision=1))
print([clamp(x, 0.5, 4.0) for x in lengths])
by_len = {i: l for i, l in enumerate(lengths) if l is not None}
print(sorted(by_len.keys(), key=lambda i: -by_len[i]))
print(7 / 2, 7 // 2, -7 // 2, 2.0 * math.pi > 6)
print(f"pi is about {math.pi:.4f}, {len(vectors)} vectors")
print("{:>6}|{:<6}|{:^6}|".format("r", "l", "c"))
print(0.1 + 0.2, 1e20, 1.0, 3)
s = "abc"
print(s[::-1], s.upper(), 1 < len(s) <= 3)
