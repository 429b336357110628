"""Idioms: generators, properties, closures, operators on classes, iterators."""
# case run:
import sys
def evens(n):
    for i in range(n):
        if i % 2 == 0:
            yield i
    yield from [100, 200]
print(list(evens(7)), sum(evens(4)))
for v in evens(3):
    print("v", v)
class C:
    def __init__(self):
        self._x = 5
    @property
    def x(self):
        return self._x * 2
print(C().x, sys.version_info.major >= 3, sys.version_info >= (3, 0), sys.version_info[:2] >= (3, 6))
g = (i * i for i in range(4))
print(list(g))
it = iter([1, 2, 3])
print(next(it), next(it), list(it))
import argparse
def outer():
    n = 0
    def inc():
        nonlocal n
        n += 1
    inc(); inc()
    return n
print(outer())
p = argparse.ArgumentParser(prog="g")
g = p.add_argument_group("input", "Where the data comes from.")
g.add_argument("--file", help="a file")
x = p.add_mutually_exclusive_group()
x.add_argument("--a", action="store_true")
x.add_argument("--b", action="store_true")
p.print_help()
class P:
    def __init__(self, v):
        self.v = v
    def __eq__(self, o):
        return self.v == o.v
    def __lt__(self, o):
        return self.v < o.v
    def __repr__(self):
        return "P(%d)" % self.v
print(sorted([P(3), P(1)]), P(1) == P(1), P(1) in [P(1)])
print(sys.argv[1:], __name__)
