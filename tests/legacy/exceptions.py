"""try/except/else/finally/raise with the exception types scripts use."""
# case run: 2
import sys


class MeshError(Exception):
    pass


class BadBlock(MeshError):
    def __init__(self, block_id):
        MeshError.__init__(self, "bad block %d" % block_id)
        self.block_id = block_id


def trial(kind):
    try:
        if kind == "key":
            {}["k"]
        elif kind == "index":
            [][0]
        elif kind == "value":
            int("twelve")
        elif kind == "type":
            "a" + 1
        elif kind == "zero":
            1 / 0
        elif kind == "io":
            open("/nonexistent/dir/file.txt")
        elif kind == "custom":
            raise BadBlock(7)
        elif kind == "attr":
            None.foo
        elif kind == "name":
            undefined_name
        elif kind == "exit":
            sys.exit(4)
    except KeyError as e:
        return "KeyError %s" % e
    except IndexError as e:
        return "IndexError: %s" % e
    except ValueError as e:
        return "ValueError: %s" % e
    except TypeError:
        return "TypeError"
    except ZeroDivisionError as e:
        return "ZeroDivisionError: %s" % e
    except IOError as e:
        return "IOError %s %s" % (type(e).__name__, e.errno)
    except MeshError as e:
        return "MeshError %s (block %d) %r" % (e, e.block_id, isinstance(e, BadBlock))
    except SystemExit as e:
        return "SystemExit %s" % e.code
    except Exception as e:
        return "Exception %s" % type(e).__name__
    else:
        return "no error"
    finally:
        print("  finally for", kind)


for kind in ["key", "index", "value", "type", "zero", "io", "custom", "attr", "name", "exit", "none"]:
    print(trial(kind))

try:
    try:
        raise ValueError("inner")
    except ValueError:
        print("handling, then re-raising")
        raise
except Exception as e:
    print("outer caught:", repr(e), e.args)

try:
    raise OSError("disk full")
except (KeyError, OSError) as e:
    print("tuple of types:", e)

try:
    x = 1
except:
    print("bare except not run")
else:
    print("else ran")

try:
    sys.exit("message to stderr")
except SystemExit as e:
    print("caught exit:", e.code)

status = int(sys.argv[1]) if len(sys.argv) > 1 else 0
print("exiting with", status)
raise SystemExit(status)
