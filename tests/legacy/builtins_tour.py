"""Builtins, str, list, dict and set methods as scripts use them."""
# case run:
import math, string, re, json, copy, os, sys
# numbers
print(10 / 3, 2 ** 100, 7 % -3, -7 // -2, 1e308 * 10, -1e308 * 10, 5 // 0.3, round(0.125, 2), round(7.5), round(-2.5))
print(int("  12 "), int("-0"), float(" 1.5 "), int(3.999), int(-3.999), 0.1 * 3, 1.1 + 2.2, 100 * 1.1)
print(3 == 3.0, 1 != 1.0, 2 < 2.5, "a" < "b", [1, 2] < [1, 3], (1, "a") == (1, "a"), None == 0)
print(hex(255), oct(8), bin(5), chr(65), ord("a"), abs(-0.0), pow(2, 10), pow(2, 0.5), pow(3, 4, 5))
print(max(1, 2.5), min([4, 2, 8]), sum([1.5, 2]), sum([[1], [2]], []), len("héllo"), "héllo".upper())
# strings
s = "Hello, World"
print(s.lower(), s.swapcase() if hasattr(s, "swapcase") else "", s.replace("l", "L", 2), s.count("l"), s.index("W"))
print(s.startswith(("He", "x")), s.endswith("ld"), s.partition(", "), s.rpartition("o"), s.title(), s.split(", ", 1))
print("  x  ".lstrip() + "|", "xxaxx".strip("x"), "a\tb".expandtabs(4) if hasattr("", "expandtabs") else "a   b", "1,2,,3".split(","))
print("%s|%5s|%-5s|%.2s" % ("abc", "ab", "ab", "abc"), "%5.1f%%" % 12.345, "%e" % 0, "%g" % 1e-10, "%g" % 123456789)
print("{:>6.2f}|{:<6d}|{:^6s}|{:06d}|{:+.1e}|{:,.2f}|{:_d}".format(3.14159, 42, "ab", -42, 12345.6, 1234567.891, 1000000))
print("{0!r:>10}|{0!s:<10}|".format("q"), "{:c}".format(65), "{:o}".format(8), "{:X}".format(255), "{:#b}".format(5))
print(f"{'nested'} {3+4=}" if sys.version_info >= (3, 8) else "", f"{{}}", f"{math.pi:.3f}", f"{[1,2][0]}")
print(repr("it's"), repr('say "hi"'), repr("both ' and \""), repr("tab\there"), repr("nl\n"), str(b"bytes"[0:0]) if False else "")
# lists
l = [5, 3, 8, 1]
l.sort(); print(l); l.reverse(); print(l); l.insert(1, 9); print(l, l.index(9), l.pop(), l.pop(0), l)
l2 = l[:]; l2.extend([7, 7]); print(l2.count(7), l2.remove(7), l2, l2 * 2, [[0] * 2] * 2, list(reversed(l2)))
print([x for x in range(10) if x % 3 == 0], [(x, y) for x in range(2) for y in range(2)], [i for i in "ab"])
a = [1, 2, 3, 4, 5]; a[1:3] = [9]; print(a); a[::2] = [0, 0]; print(a); del a[1:3]; print(a)
# dicts & sets
d = dict(a=1, b=2); d.update({"c": 3}); d.update(d=4)
print(d, d.get("z"), d.pop("z", "dflt"), sorted(d.items(), key=lambda kv: -kv[1]), dict(zip("xy", [1, 2])))
print({1, 2} | {3}, {1, 2} & {2}, {1, 2} - {1}, set() == set(), len(set("aab")), sorted({3, 1, 2}))
print(dict.fromkeys(["a", "b"], 0) if hasattr(dict, "fromkeys") else {"a": 0, "b": 0})
# misc
x = 5
y = "big" if x > 3 else "small"
print(y, not x, x and 0, x or 0, None or "d", [] or [1])
t = 1, 2
a, b = t
a, b = b, a
print(a, b, t, type(t).__name__, isinstance(t, tuple))
print(json.dumps([1.5, "x", {"k": [True, None]}]), json.dumps("é"), json.loads('{"a": 1.0, "b": [1, 2]}'))
print(re.sub(r"(\d+)", lambda m: str(int(m.group(1)) * 2), "a1b22"), re.findall(r"(\w)(\d)", "a1b2"))
