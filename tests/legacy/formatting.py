"""f-strings, str.format and %-formatting as exomerge scripts use them."""
# case run:
name = "stress_xx"
value = 1234.56789
n = 42
items = [1.5, 2.25]
print(f"{name}: {value:.3f} ({n:04d}) {items} {value!r} {name!s:>12}|")
print(f"{value:10.2e}|{value:<12,.1f}|{n:#x}|{n:#o}|{n:b}|{-n:=+8d}|{0.5:%}")
width = 9
print(f"[{name:^{width}}] [{value:{width}.{2}f}] {{literal}} {n * 2} {'quoted'} {items[1]}")
print("{0} {1} {0}".format("a", "b"), "{name} is {value:.1f}".format(name="x", value=2.25))
print("{0[1]} {1[key]} {2}".format([10, 20], {"key": "v"}, 3))
print("{:*^11}|{:-<6}|{:>+7.2f}|{: d}|{:e}|{:.3g}|{:g}".format("mid", "l", 2.5, 7, 0.000123, 1234.5678, 1e-7))
print("%s %r %d %i %5.1f %-5d| %+d %x %X %o %e %E %g %%" % ("s", "r", 3.9, -2, 2.25, 7, 5, 255, 255, 8, 1.5, 1.5, 0.0001))
print("%(a)s and %(b)05.1f" % {"a": "named", "b": 3.14159})
print("%-12s %10.4e" % ("pressure", 101325.0))
print("%*d|%-*d|%.*f" % (5, 1, 4, 2, 2, 3.14159))
print("%s" % (1,), "%s" % [1, 2], "%s" % None, "%.3s" % "abcdef", "%c%c" % (72, "i"))
print(str(1e-4), str(1e-5), 12345678901234567890, 2 ** 64, -7.0 / 2, 1e300 * 1e10)
print("{:.0f} {:.0f} {:.1f} {:.2f}".format(0.5, 1.5, 0.25, 1.005))
print(format(3.14159, ".2f"), format(42, "5d"), format("x", ">3"), "abc".center(9, "*"), "7".zfill(3), "ab".ljust(4) + "|")
