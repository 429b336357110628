/*
 * dump prints a canonical text dump of an Exodus II file through the C
 * library users link against (libexodusii, the Exodus C API): the counts of
 * ex_get_init_ext; for element, edge and face blocks their ids, names,
 * ex_get_block parameters and ex_get_conn connectivity; for node, edge,
 * face, side and element sets their ids, names, ex_get_set entries (and
 * sides or orientations) and distribution factors; and the values of every
 * global, nodal, block and set variable at every step (ex_get_var where the
 * truth table has it). exosh's Go tests compare it with their own dump.
 *
 * Usage: dump FILE
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <exodusII.h>

#define NAMELEN 256

static void die(const char *what) {
  fprintf(stderr, "dump: %s failed\n", what);
  exit(1);
}

/* trim cuts trailing blanks. */
static void trim(char *s) {
  size_t n = strlen(s);
  while (n > 0 && s[n - 1] == ' ') {
    s[--n] = '\0';
  }
}

static char **alloc_names(int n) {
  char **names = calloc(n > 0 ? n : 1, sizeof(char *));
  for (int i = 0; i < n; i++) {
    names[i] = calloc(NAMELEN + 1, 1);
  }
  return names;
}

static void free_names(char **names, int n) {
  for (int i = 0; i < n; i++) {
    free(names[i]);
  }
  free(names);
}

static void print_ints(const char *label, const int *v, long n) {
  printf("%s", label);
  for (long i = 0; i < n; i++) {
    printf(" %d", v[i]);
  }
  printf("\n");
}

static void print_reals(const char *label, const double *v, long n) {
  printf("%s", label);
  for (long i = 0; i < n; i++) {
    printf(" %.17g", v[i]);
  }
  printf("\n");
}

struct kind {
  ex_entity_type type;
  const char *label;
  long count;
};

int main(int argc, char **argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: dump FILE\n");
    return 2;
  }
  int cpu = sizeof(double), io = 0;
  float version;
  int exoid = ex_open(argv[1], EX_READ, &cpu, &io, &version);
  if (exoid < 0) {
    die("ex_open");
  }
  ex_set_max_name_length(exoid, NAMELEN);
  ex_init_params p;
  if (ex_get_init_ext(exoid, &p) < 0) {
    die("ex_get_init_ext");
  }
  trim(p.title);
  printf("title %s\n", p.title);
  printf("dim %lld nodes %lld elems %lld edges %lld faces %lld\n", (long long)p.num_dim,
         (long long)p.num_nodes, (long long)p.num_elem, (long long)p.num_edge, (long long)p.num_face);
  printf("blocks %lld %lld %lld sets %lld %lld %lld %lld %lld\n", (long long)p.num_elem_blk,
         (long long)p.num_edge_blk, (long long)p.num_face_blk, (long long)p.num_node_sets,
         (long long)p.num_edge_sets, (long long)p.num_face_sets, (long long)p.num_side_sets,
         (long long)p.num_elem_sets);

  struct kind blocks[] = {{EX_ELEM_BLOCK, "element block", p.num_elem_blk},
                          {EX_EDGE_BLOCK, "edge block", p.num_edge_blk},
                          {EX_FACE_BLOCK, "face block", p.num_face_blk}};
  /* entity counts per block, for the variables */
  int *sizes[3] = {0};
  int *bids[3] = {0};
  for (int k = 0; k < 3; k++) {
    int n = (int)blocks[k].count;
    if (n == 0) {
      continue;
    }
    int *ids = calloc(n, sizeof(int));
    sizes[k] = calloc(n, sizeof(int));
    bids[k] = ids;
    char **names = alloc_names(n);
    if (ex_get_ids(exoid, blocks[k].type, ids) < 0) {
      die("ex_get_ids");
    }
    if (ex_get_names(exoid, blocks[k].type, names) < 0) {
      die("ex_get_names");
    }
    for (int i = 0; i < n; i++) {
      char type[NAMELEN + 1] = {0};
      int ne = 0, npe = 0, ned = 0, nfa = 0, nat = 0;
      if (ex_get_block(exoid, blocks[k].type, ids[i], type, &ne, &npe, &ned, &nfa, &nat) < 0) {
        die("ex_get_block");
      }
      trim(names[i]);
      trim(type);
      sizes[k][i] = ne;
      printf("%s %d name '%s' type '%s' entries %d nodes %d attributes %d\n", blocks[k].label,
             ids[i], names[i], type, ne, npe, nat);
      if (ne > 0 && npe > 0) {
        int *conn = calloc((size_t)ne * npe, sizeof(int));
        if (ex_get_conn(exoid, blocks[k].type, ids[i], conn, NULL, NULL) < 0) {
          die("ex_get_conn");
        }
        print_ints("  conn", conn, (long)ne * npe);
        free(conn);
      }
    }
    free_names(names, n);
  }

  struct kind sets[] = {{EX_NODE_SET, "node set", p.num_node_sets},
                        {EX_EDGE_SET, "edge set", p.num_edge_sets},
                        {EX_FACE_SET, "face set", p.num_face_sets},
                        {EX_SIDE_SET, "side set", p.num_side_sets},
                        {EX_ELEM_SET, "element set", p.num_elem_sets}};
  int *ssizes[5] = {0};
  int *sids[5] = {0};
  for (int k = 0; k < 5; k++) {
    int n = (int)sets[k].count;
    if (n == 0) {
      continue;
    }
    int *ids = calloc(n, sizeof(int));
    ssizes[k] = calloc(n, sizeof(int));
    sids[k] = ids;
    char **names = alloc_names(n);
    if (ex_get_ids(exoid, sets[k].type, ids) < 0) {
      die("ex_get_ids");
    }
    if (ex_get_names(exoid, sets[k].type, names) < 0) {
      die("ex_get_names");
    }
    for (int i = 0; i < n; i++) {
      int ne = 0, ndf = 0;
      if (ex_get_set_param(exoid, sets[k].type, ids[i], &ne, &ndf) < 0) {
        die("ex_get_set_param");
      }
      trim(names[i]);
      ssizes[k][i] = ne;
      printf("%s %d name '%s' entries %d factors %d\n", sets[k].label, ids[i], names[i], ne, ndf);
      if (ne > 0) {
        int  *entries = calloc(ne, sizeof(int));
        int  *extra   = calloc(ne, sizeof(int));
        int   two     = sets[k].type == EX_SIDE_SET || sets[k].type == EX_EDGE_SET || sets[k].type == EX_FACE_SET;
        if (ex_get_set(exoid, sets[k].type, ids[i], entries, two ? extra : NULL) < 0) {
          die("ex_get_set");
        }
        print_ints("  entries", entries, ne);
        if (two) {
          print_ints("  extra", extra, ne);
        }
        free(entries);
        free(extra);
      }
      if (ndf > 0) {
        double *df = calloc(ndf, sizeof(double));
        if (ex_get_set_dist_fact(exoid, sets[k].type, ids[i], df) < 0) {
          die("ex_get_set_dist_fact");
        }
        print_reals("  factors", df, ndf);
        free(df);
      }
    }
    free_names(names, n);
  }

  /* variables */
  int nsteps = (int)ex_inquire_int(exoid, EX_INQ_TIME);
  printf("steps %d\n", nsteps);
  struct {
    ex_entity_type type;
    const char    *label;
    int            group; /* -1 global, -2 nodal, 0..2 blocks, 10..14 sets */
  } vk[] = {{EX_GLOBAL, "global", -1},        {EX_NODAL, "nodal", -2},
            {EX_ELEM_BLOCK, "element", 0},    {EX_EDGE_BLOCK, "edge", 1},
            {EX_FACE_BLOCK, "face", 2},       {EX_NODE_SET, "node set", 10},
            {EX_EDGE_SET, "edge set", 11},    {EX_FACE_SET, "face set", 12},
            {EX_SIDE_SET, "side set", 13},    {EX_ELEM_SET, "element set", 14}};
  for (size_t k = 0; k < sizeof(vk) / sizeof(vk[0]); k++) {
    int nv = 0;
    if (ex_get_variable_param(exoid, vk[k].type, &nv) < 0 || nv == 0) {
      continue;
    }
    char **names = alloc_names(nv);
    if (ex_get_variable_names(exoid, vk[k].type, nv, names) < 0) {
      die("ex_get_variable_names");
    }
    printf("%s variables", vk[k].label);
    for (int j = 0; j < nv; j++) {
      trim(names[j]);
      printf(" '%s'", names[j]);
    }
    printf("\n");
    free_names(names, nv);
    if (vk[k].group == -1) {
      double *vals = calloc(nv, sizeof(double));
      for (int t = 1; t <= nsteps; t++) {
        if (ex_get_glob_vars(exoid, t, nv, vals) < 0) {
          die("ex_get_glob_vars");
        }
        printf("  step %d", t);
        print_reals("", vals, nv);
      }
      free(vals);
      continue;
    }
    if (vk[k].group == -2) {
      double *vals = calloc(p.num_nodes > 0 ? p.num_nodes : 1, sizeof(double));
      for (int t = 1; t <= nsteps; t++) {
        for (int j = 1; j <= nv; j++) {
          if (p.num_nodes > 0 && ex_get_var(exoid, t, EX_NODAL, j, 1, p.num_nodes, vals) < 0) {
            die("ex_get_var nodal");
          }
          printf("  step %d var %d", t, j);
          print_reals("", vals, (long)p.num_nodes);
        }
      }
      free(vals);
      continue;
    }
    int  g   = vk[k].group;
    int  ne  = g < 10 ? (int)blocks[g].count : (int)sets[g - 10].count;
    int *ids = g < 10 ? bids[g] : sids[g - 10];
    int *sz  = g < 10 ? sizes[g] : ssizes[g - 10];
    if (ne == 0) {
      continue;
    }
    int *tab = calloc((size_t)ne * nv, sizeof(int));
    if (ex_get_truth_table(exoid, vk[k].type, ne, nv, tab) < 0) {
      die("ex_get_truth_table");
    }
    for (int i = 0; i < ne; i++) {
      print_ints("  truth", tab + (size_t)i * nv, nv);
    }
    for (int i = 0; i < ne; i++) {
      double *vals = calloc(sz[i] > 0 ? sz[i] : 1, sizeof(double));
      for (int j = 1; j <= nv; j++) {
        if (!tab[(size_t)i * nv + j - 1] || sz[i] == 0) {
          continue;
        }
        for (int t = 1; t <= nsteps; t++) {
          if (ex_get_var(exoid, t, vk[k].type, j, ids[i], sz[i], vals) < 0) {
            die("ex_get_var");
          }
          printf("  entity %d var %d step %d", ids[i], j, t);
          print_reals("", vals, sz[i]);
        }
      }
      free(vals);
    }
    free(tab);
  }
  ex_close(exoid);
  return 0;
}
