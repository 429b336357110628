"""Python semantics that differ from Starlark's."""
# case run:
# integer division and / on ints
print(7 / 2, 6 / 3, 7 // 2, -7 // 2, 7 % 3, -7 % 3, 2 ** 10, 2 ** -1, divmod(17, 5))
print(1 / 3, 10 / 4, 3 * 1.1, round(2.5), round(3.5), round(2.675, 2), int(-3.7), abs(-2))
# float repr
print(0.1 + 0.2, 1e20, 1e16, 1e15, 123456789.0, 1.5e-7, 0.0001, -0.0, float("inf"), 2.0)
print([1.0, 2], (0.5,), {"a": 1.25}, repr(1.0 / 3), str(100.0))
# string formatting
print("%5.2f|%-6s|%03d|%e|%g|%G" % (3.14159, "ab", 7, 12345.678, 0.00001234, 1e20))
print("{:>10}|{:<5}|{:^7}|{:08.3f}|{:+d}|{:,}|{:.2%}|{:x}|{!r}".format("r", "l", "c", -3.14159, 5, 1234567, 0.256, 255, "s"))
# exceptions propagating through functions
def inner(d):
    return d["missing"]
def middle(d):
    return inner(d) + 1
def outer():
    try:
        middle({})
    except KeyError as e:
        return "caught %r in outer" % (e.args[0],)
print(outer())
# finally running on return
log = []
def f():
    try:
        log.append("try")
        return "returned"
    finally:
        log.append("finally")
print(f(), log)
def g():
    for i in range(3):
        try:
            if i == 1:
                break
        finally:
            log.append(i)
    return log
print(g())
# mutable default arguments
def append_to(x, acc=[]):
    acc.append(x)
    return acc
append_to(1)
print(append_to(2), append_to(3))
# dict iteration order
d = {}
for k in ["zeta", "alpha", "mid"]:
    d[k] = len(k)
d["alpha"] = 0
del d["zeta"]
d["zeta"] = 9
print(list(d), list(d.items()), d)
# other operators and statements
x = None
print(x is None, x is not None, x == None, 1 < 2 < 3, 3 > 2 > 2, [] == [], "b" in "abc")
count = 0
def bump():
    global count
    count += 1
bump(); bump()
print("count", count)
n = 0
while n < 3:
    n += 1
else:
    print("while else ran, n =", n)
for i in range(3):
    if i == 5:
        break
else:
    print("for else ran")
assert count == 2, "count should be 2"
try:
    assert count == 3, "count should be 3"
except AssertionError as e:
    print("assert:", e)
s = list("hello")
del s[0]
del s[-1]
print(s, "".join(reversed(s)), "hello"[::-1], "hello"[1:-1], [1, 2, 3, 4, 5][::2])
a, *rest = [1, 2, 3]
print(a, rest, [x * x for x in range(5) if x % 2], {k: v for k, v in zip("ab", [1, 2])})
print(sorted(["b", "A", "c"], key=str.lower), max([3, 1, 2]), min("hello"), sum([0.5, 0.25]))
print(True + True, True * 3.0, len({1, 2, 2}), bool([]), bool("x"), int("42") + 1, float("1e3"))
