/*
 * make writes, through the Exodus C library, a small file that uses every
 * kind of entity the library offers: one HEX8 element with an edge block
 * (BAR2, with an attribute and a property) and a face block (QUAD4); node,
 * edge, face, side and element sets with distribution factors; an extra
 * node map and element map; a coordinate frame; a nodal attribute; and
 * global, nodal, element, edge, face and set variables over two steps, with
 * truth tables. exosh's tests round-trip it.
 *
 * Usage: make FILE
 */
#include <stdio.h>
#include <stdlib.h>
#include <exodusII.h>

static void check(int err, const char *what) {
  if (err < 0) {
    fprintf(stderr, "make: %s failed\n", what);
    exit(1);
  }
}

int main(int argc, char **argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: make FILE\n");
    return 2;
  }
  int cpu = sizeof(double), io = sizeof(double);
  int exoid = ex_create(argv[1], EX_CLOBBER, &cpu, &io);
  check(exoid, "ex_create");

  ex_init_params p = {0};
  snprintf(p.title, sizeof(p.title), "every entity kind");
  p.num_dim = 3;
  p.num_nodes = 8;
  p.num_edge = 2;
  p.num_edge_blk = 1;
  p.num_face = 1;
  p.num_face_blk = 1;
  p.num_elem = 1;
  p.num_elem_blk = 1;
  p.num_node_sets = 1;
  p.num_edge_sets = 1;
  p.num_face_sets = 1;
  p.num_side_sets = 1;
  p.num_elem_sets = 1;
  p.num_node_maps = 1;
  p.num_elem_maps = 1;
  check(ex_put_init_ext(exoid, &p), "ex_put_init_ext");

  double x[8] = {0, 1, 1, 0, 0, 1, 1, 0}, y[8] = {0, 0, 1, 1, 0, 0, 1, 1}, z[8] = {0, 0, 0, 0, 1, 1, 1, 1};
  check(ex_put_coord(exoid, x, y, z), "ex_put_coord");
  char *coord_names[3] = {"x", "y", "z"};
  check(ex_put_coord_names(exoid, coord_names), "ex_put_coord_names");

  /* blocks */
  check(ex_put_block(exoid, EX_EDGE_BLOCK, 100, "BAR2", 2, 2, 0, 0, 1), "edge block");
  int econn[4] = {1, 2, 2, 3};
  check(ex_put_conn(exoid, EX_EDGE_BLOCK, 100, econn, NULL, NULL), "edge conn");
  double eattr[2] = {0.5, 0.25};
  check(ex_put_attr(exoid, EX_EDGE_BLOCK, 100, eattr), "edge attr");
  check(ex_put_prop(exoid, EX_EDGE_BLOCK, 100, "COLOR", 7), "edge prop");
  check(ex_put_block(exoid, EX_FACE_BLOCK, 200, "QUAD4", 1, 4, 0, 0, 0), "face block");
  int fconn[4] = {1, 2, 3, 4};
  check(ex_put_conn(exoid, EX_FACE_BLOCK, 200, fconn, NULL, NULL), "face conn");
  check(ex_put_block(exoid, EX_ELEM_BLOCK, 10, "HEX8", 1, 8, 0, 0, 0), "element block");
  int conn[8] = {1, 2, 3, 4, 5, 6, 7, 8};
  check(ex_put_conn(exoid, EX_ELEM_BLOCK, 10, conn, NULL, NULL), "element conn");
  char *eb_names[1] = {"solid"};
  check(ex_put_names(exoid, EX_ELEM_BLOCK, eb_names), "element block names");
  char *ed_names[1] = {"edges"};
  check(ex_put_names(exoid, EX_EDGE_BLOCK, ed_names), "edge block names");
  char *fa_names[1] = {"faces"};
  check(ex_put_names(exoid, EX_FACE_BLOCK, fa_names), "face block names");

  /* sets */
  int    ns[4]   = {1, 2, 3, 4};
  double nsdf[4] = {1, 2, 3, 4};
  check(ex_put_set_param(exoid, EX_NODE_SET, 1, 4, 4), "node set");
  check(ex_put_set(exoid, EX_NODE_SET, 1, ns, NULL), "node set");
  check(ex_put_set_dist_fact(exoid, EX_NODE_SET, 1, nsdf), "node set df");
  int    es[2] = {1, 2}, eso[2] = {1, -1};
  double esdf[2] = {0.5, 1.5};
  check(ex_put_set_param(exoid, EX_EDGE_SET, 2, 2, 2), "edge set");
  check(ex_put_set(exoid, EX_EDGE_SET, 2, es, eso), "edge set");
  check(ex_put_set_dist_fact(exoid, EX_EDGE_SET, 2, esdf), "edge set df");
  int fs[1] = {1}, fso[1] = {1};
  check(ex_put_set_param(exoid, EX_FACE_SET, 3, 1, 0), "face set");
  check(ex_put_set(exoid, EX_FACE_SET, 3, fs, fso), "face set");
  int    ss[1] = {1}, sss[1] = {5};
  double ssdf[4] = {1, 1, 2, 2};
  check(ex_put_set_param(exoid, EX_SIDE_SET, 4, 1, 4), "side set");
  check(ex_put_set(exoid, EX_SIDE_SET, 4, ss, sss), "side set");
  check(ex_put_set_dist_fact(exoid, EX_SIDE_SET, 4, ssdf), "side set df");
  int    els[1] = {1};
  double elsdf[1] = {9};
  check(ex_put_set_param(exoid, EX_ELEM_SET, 5, 1, 1), "element set");
  check(ex_put_set(exoid, EX_ELEM_SET, 5, els, NULL), "element set");
  check(ex_put_set_dist_fact(exoid, EX_ELEM_SET, 5, elsdf), "element set df");
  check(ex_put_prop(exoid, EX_ELEM_SET, 5, "KIND", 3), "element set prop");
  char *els_names[1] = {"the element"};
  check(ex_put_names(exoid, EX_ELEM_SET, els_names), "element set names");

  /* maps, frames, nodal attributes */
  int nmap[8] = {8, 7, 6, 5, 4, 3, 2, 1}, emap[1] = {42};
  check(ex_put_num_map(exoid, EX_NODE_MAP, 11, nmap), "node map");
  check(ex_put_num_map(exoid, EX_ELEM_MAP, 12, emap), "element map");
  int    cf_ids[1] = {1};
  double cf[9]     = {0, 0, 0, 0, 0, 1, 1, 0, 0};
  check(ex_put_coordinate_frames(exoid, 1, cf_ids, cf, "R"), "coordinate frames");
  check(ex_put_attr_param(exoid, EX_NODAL, 0, 1), "nodal attribute");
  double nattr[8] = {1, 1, 1, 1, 2, 2, 2, 2};
  check(ex_put_attr(exoid, EX_NODAL, 0, nattr), "nodal attribute");

  /* records */
  char *qa[1][4] = {{"make.c", "1", "2026-01-01", "00:00:00"}};
  check(ex_put_qa(exoid, 1, qa), "qa");
  char *info[1] = {"made by exosh's C interop test"};
  check(ex_put_info(exoid, 1, info), "info");

  /* variables */
  struct {
    ex_entity_type type;
    const char    *name;
  } vars[] = {{EX_GLOBAL, "g"},       {EX_NODAL, "temp"},    {EX_ELEM_BLOCK, "stress"},
              {EX_EDGE_BLOCK, "flow"}, {EX_FACE_BLOCK, "flux"}, {EX_NODE_SET, "ns_v"},
              {EX_EDGE_SET, "es_v"},   {EX_FACE_SET, "fs_v"},  {EX_SIDE_SET, "ss_v"},
              {EX_ELEM_SET, "els_v"}};
  int nkinds = sizeof(vars) / sizeof(vars[0]);
  for (int k = 0; k < nkinds; k++) {
    check(ex_put_variable_param(exoid, vars[k].type, 1), "variable param");
    char *names[1] = {(char *)vars[k].name};
    check(ex_put_variable_names(exoid, vars[k].type, 1, names), "variable names");
  }
  int one[1] = {1};
  for (int k = 2; k < nkinds; k++) {
    check(ex_put_truth_table(exoid, vars[k].type, 1, 1, one), "truth table");
  }
  ex_entity_id ids[]   = {0, 0, 10, 100, 200, 1, 2, 3, 4, 5};
  int          sizes[] = {1, 8, 1, 2, 1, 4, 2, 1, 1, 1};
  for (int t = 1; t <= 2; t++) {
    double time = 0.5 * t;
    check(ex_put_time(exoid, t, &time), "time");
    for (int k = 0; k < nkinds; k++) {
      double vals[8];
      for (int i = 0; i < sizes[k]; i++) {
        vals[i] = 100 * k + 10 * t + i;
      }
      check(ex_put_var(exoid, t, vars[k].type, 1, ids[k], sizes[k], vals), vars[k].name);
    }
  }
  check(ex_close(exoid), "ex_close");
  return 0;
}
