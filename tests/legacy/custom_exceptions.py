"""Exception classes with their own __init__, super() and args."""
# case run:
class MyErr(Exception):
    def __init__(self, msg, code):
        super().__init__(msg)
        self.code = code
class Other(ValueError):
    def __init__(self, v):
        super(Other, self).__init__("other %s" % v)
try:
    raise MyErr("boom", 3)
except Exception as e:
    print(e, e.code, e.args, repr(e))
try:
    raise Other(5)
except ValueError as e:
    print(e, str(e), e.args)
e = KeyError("k")
print(str(e), repr(e), e.args)
print(str(Exception()), repr(ValueError("a", 1)))
