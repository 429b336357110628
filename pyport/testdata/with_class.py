import exomerge


class Counter(object):
    def __init__(self):
        self.n = 0

    def add(self, k):
        self.n += k


def count_elements(model):
    return model.get_element_count()


model = exomerge.ExodusModel()
model.build_hex8_cube(1, 1.0, 2)
c = Counter()
c.add(count_elements(model))
print("counted", c.n)
