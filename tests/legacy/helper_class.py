"""Summarize element blocks with a small helper class hierarchy."""
# case table: $SHARED/cube.g
import sys
import exomerge

exomerge.SHOW_BANNER = False
exomerge.SUPPRESS_EXODUS_OUTPUT = True


class Entity(object):
    count = 0

    def __init__(self, model, id_):
        self.model = model
        self.id = id_
        Entity.count += 1

    def label(self):
        return "%s %d" % (self.kind, self.id)

    def __repr__(self):
        return "<%s>" % self.label()


class Block(Entity):
    kind = "block"

    def __init__(self, model, id_):
        super(Block, self).__init__(model, id_)
        name, info, connectivity, fields = model.element_blocks[id_]
        self.name = name
        self.elem_type = info[0]
        self.size = info[1]
        self.fields = sorted(fields.keys())

    def __str__(self):
        return "{0:<8} {1:>4} {2:<6} {3}".format(self.name, self.size, self.elem_type, ",".join(self.fields))


class NodeSet(Entity):
    kind = "node set"

    def __init__(self, model, id_):
        Entity.__init__(self, model, id_)
        self.members = model.get_node_set_members(id_)

    def __str__(self):
        return "node set %d: %d nodes" % (self.id, len(self.members))


model = exomerge.import_model(sys.argv[1])
blocks = [Block(model, i) for i in model.get_element_block_ids()]
for b in blocks:
    print(b)
print(blocks)
print(repr(blocks[0]), blocks[0].label())
print("entities made:", Entity.count)
print(isinstance(blocks[0], Entity), isinstance(blocks[0], NodeSet))
total = sum(b.size for b in blocks)
print("total elements:", total, total == model.get_element_count())
