#include "sim/util/mlp_file.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "sim/util/json_where.h"
#include "sim/util/suggest.h"
#include "sim/util/textfile.h"

static const char *const top_keys[] = {"format", "version", "features", "layers", "tie_margin", "made_by"};
static const char *const layer_keys[] = {"activation", "weight", "bias"};
#define N_OF(a) (sizeof(a) / sizeof((a)[0]))

struct reader {
	const char *text;
	const char *path;
	struct json_step at[5];   /* the path of what is being read */
	size_t depth;
	struct error *err;
};

/* An error at the value the reader's path (to depth) leads to, or with at_key, at its key. */
static int fail_at(const struct reader *r, size_t depth, bool at_key, const char *fmt, va_list ap)
{
	char what[400];
	vsnprintf(what, sizeof what, fmt, ap);
	size_t line, col;
	json_where(r->text, r->at, depth, at_key, &line, &col);
	return error_at(r->err, r->path, line, col, "%s", what);
}

static int fail(const struct reader *r, size_t depth, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static int fail(const struct reader *r, size_t depth, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int rc = fail_at(r, depth, false, fmt, ap);
	va_end(ap);
	return rc;
}

static int fail_key(const struct reader *r, size_t depth, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static int fail_key(const struct reader *r, size_t depth, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int rc = fail_at(r, depth, true, fmt, ap);
	va_end(ap);
	return rc;
}

static int parse_failure(const struct reader *r, const char *end)
{
	size_t line, col;
	json_line_col(r->text, (size_t)(end - r->text), &line, &col);
	bool not_finite = strncmp(end, "NaN", 3) == 0 || strncmp(end, "Infinity", 8) == 0 ||
			  strncmp(end, "-Infinity", 9) == 0;
	return error_at(r->err, r->path, line, col, "%s",
			not_finite ? "a model's numbers must be finite (NaN and Infinity are not JSON numbers)"
				   : "not valid JSON here (a model file is a JSON object)");
}

static int check_keys(const struct reader *r, const cJSON *obj, size_t depth, const char *const *known, size_t n,
		      const char *what)
{
	for (const cJSON *k = obj->child; k; k = k->next) {
		size_t i = 0;
		while (i < n && strcmp(k->string, known[i]) != 0)
			i++;
		if (i < n)
			continue;
		long near = suggest_nearest(k->string, known, n);
		struct reader at = *r;
		at.at[depth] = (struct json_step){k->string, 0};
		return fail_key(&at, depth + 1, "unknown key \"%.60s\" in %s%s%s%s", k->string, what,
			    near >= 0 ? "; did you mean \"" : "", near >= 0 ? known[near] : "", near >= 0 ? "\"?" : "");
	}
	return 0;
}

static const cJSON *need(const struct reader *r, const cJSON *obj, size_t depth, const char *key, const char *what)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
	if (!v)
		fail(r, depth, "missing \"%s\" (%s)", key, what);
	return v;
}

static int read_header(struct reader *r, const cJSON *root, const char *const *features, size_t n_features)
{
	const cJSON *format = need(r, root, 0, "format", "\"simon-mlp\"");
	if (!format)
		return -1;
	r->at[0] = (struct json_step){"format", 0};
	if (!cJSON_IsString(format) || strcmp(format->valuestring, "simon-mlp") != 0)
		return fail(r, 1, "format: expected \"simon-mlp\"");
	const cJSON *version = need(r, root, 0, "version", "the model file version");
	if (!version)
		return -1;
	r->at[0] = (struct json_step){"version", 0};
	if (!cJSON_IsNumber(version) || version->valuedouble != MLP_FILE_VERSION)
		return fail(r, 1, "version: this simon reads model files of version %d", MLP_FILE_VERSION);
	const cJSON *names = need(r, root, 0, "features", "the names of the inputs, in order");
	if (!names)
		return -1;
	r->at[0] = (struct json_step){"features", 0};
	if (!cJSON_IsArray(names))
		return fail(r, 1, "features: expected an array of %zu names", n_features);
	size_t i = 0;
	for (const cJSON *f = names->child; f; f = f->next, i++) {
		r->at[1] = (struct json_step){NULL, (int)i};
		if (i >= n_features)
			return fail(r, 2, "features: %d names, but this simon's scorer reads %zu", cJSON_GetArraySize(names),
				    n_features);
		if (!cJSON_IsString(f) || strcmp(f->valuestring, features[i]) != 0)
			return fail(r, 2, "features[%zu]: expected \"%s\" (the scorer's features, in order)", i,
				    features[i]);
	}
	if (i < n_features)
		return fail(r, 1, "features: %zu names, but this simon's scorer reads %zu (next: \"%s\")", i, n_features,
			    features[i]);
	return 0;
}

/* One finite number into *out. */
static int read_number(const struct reader *r, const cJSON *v, size_t depth, float *out)
{
	if (!cJSON_IsNumber(v))
		return fail(r, depth, "expected a number");
	if (!(fabs(v->valuedouble) <= MLP_MAX_VALUE))
		return fail(r, depth, "a model's numbers must be finite, at most 10^6 in size");
	*out = (float)v->valuedouble;
	return 0;
}

/* The shape of layer k's weight: *out rows of *in; the rows must agree. */
static int weight_shape(struct reader *r, const cJSON *w, int *out, int *in)
{
	r->at[2] = (struct json_step){"weight", 0};
	if (!cJSON_IsArray(w) || !w->child || !cJSON_IsArray(w->child))
		return fail(r, 3, "weight: expected an array of rows, each an array of numbers");
	*out = cJSON_GetArraySize(w);
	*in = cJSON_GetArraySize(w->child);
	int i = 0;
	for (const cJSON *row = w->child; row; row = row->next, i++) {
		r->at[3] = (struct json_step){NULL, i};
		if (!cJSON_IsArray(row) || cJSON_GetArraySize(row) != *in)
			return fail(r, 4, "weight[%d]: expected a row of %d numbers, as weight[0]", i, *in);
	}
	return 0;
}

static int read_activation(struct reader *r, const cJSON *layer, enum mlp_act *act)
{
	const cJSON *a = need(r, layer, 2, "activation", "identity, relu, tanh or sigmoid");
	if (!a)
		return -1;
	r->at[2] = (struct json_step){"activation", 0};
	for (int i = 0; i < 4 && cJSON_IsString(a); i++)
		if (strcmp(a->valuestring, mlp_act_names[i]) == 0) {
			*act = (enum mlp_act)i;
			return 0;
		}
	long near = cJSON_IsString(a) ? suggest_nearest(a->valuestring, mlp_act_names, 4) : -1;
	return fail(r, 3, "activation: expected identity, relu, tanh or sigmoid%s%s%s", near >= 0 ? "; did you mean " : "",
		    near >= 0 ? mlp_act_names[near] : "", near >= 0 ? "?" : "");
}

/* Checks the layers' shapes and activations: sizes[0..n], acts[0..n). */
static int read_shapes(struct reader *r, const cJSON *layers, size_t n_features, int *sizes, enum mlp_act *acts,
		       int *n)
{
	r->at[0] = (struct json_step){"layers", 0};
	if (!cJSON_IsArray(layers) || cJSON_GetArraySize(layers) < 1 || cJSON_GetArraySize(layers) > MLP_MAX_LAYERS)
		return fail(r, 1, "layers: expected an array of 1 to %d layers", MLP_MAX_LAYERS);
	sizes[0] = (int)n_features;
	*n = 0;
	for (const cJSON *l = layers->child; l; l = l->next, ++*n) {
		r->at[1] = (struct json_step){NULL, *n};
		if (!cJSON_IsObject(l))
			return fail(r, 2, "layers[%d]: expected an object with activation, weight and bias", *n);
		if (check_keys(r, l, 2, layer_keys, N_OF(layer_keys), "a layer") || read_activation(r, l, &acts[*n]))
			return -1;
		const cJSON *w = need(r, l, 2, "weight", "its out × in matrix"), *b = need(r, l, 2, "bias", "out numbers");
		int out = 0, in = 0;
		if (!w || !b || weight_shape(r, w, &out, &in))
			return -1;
		if (in != sizes[*n] || out > MLP_MAX_WIDTH)
			return fail(r, 3, "layers[%d].weight: rows of %d numbers, expected %d (the %s)", *n, in, sizes[*n],
				    *n ? "previous layer's outputs" : "features");
		r->at[2] = (struct json_step){"bias", 0};
		if (!cJSON_IsArray(b) || cJSON_GetArraySize(b) != out)
			return fail(r, 3, "layers[%d].bias: expected %d numbers, one per weight row", *n, out);
		sizes[*n + 1] = out;
	}
	r->at[1] = (struct json_step){NULL, *n - 1};
	if (sizes[*n] != 1)
		return fail(r, 2, "layers[%d]: the last layer has %d outputs; expected 1, the score", *n - 1, sizes[*n]);
	return 0;
}

static int read_values(struct reader *r, const cJSON *layers, struct mlp *m)
{
	int k = 0;
	for (const cJSON *l = layers->child; l; l = l->next, k++) {
		struct mlp_layer *ml = &m->layers[k];
		r->at[1] = (struct json_step){NULL, k};
		r->at[2] = (struct json_step){"weight", 0};
		int o = 0;
		for (const cJSON *row = cJSON_GetObjectItem(l, "weight")->child; row; row = row->next, o++) {
			r->at[3] = (struct json_step){NULL, o};
			int i = 0;
			for (const cJSON *v = row->child; v; v = v->next, i++) {
				r->at[4] = (struct json_step){NULL, i};
				if (read_number(r, v, 5, &ml->w[(size_t)o * ml->in + i]))
					return -1;
			}
		}
		r->at[2] = (struct json_step){"bias", 0};
		int i = 0;
		for (const cJSON *v = cJSON_GetObjectItem(l, "bias")->child; v; v = v->next, i++) {
			r->at[3] = (struct json_step){NULL, i};
			if (read_number(r, v, 4, &ml->b[i]))
				return -1;
		}
	}
	return 0;
}

static int read_margin(struct reader *r, const cJSON *root, struct mlp *m)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(root, "tie_margin");
	r->at[0] = (struct json_step){"tie_margin", 0};
	if (v && (!cJSON_IsNumber(v) || !(v->valuedouble >= 0 && v->valuedouble <= MLP_MAX_VALUE)))
		return fail(r, 1, "tie_margin: expected a number from 0 to 10^6");
	m->tie_margin = v ? v->valuedouble : 0;
	return 0;
}

int mlp_text_read(const char *text, const char *path, const char *const *features, size_t n_features, struct mlp *m,
		  struct error *err)
{
	memset(m, 0, sizeof *m);
	struct reader r = {.text = text, .path = path, .err = err};
	const char *end = NULL;
	cJSON *root = cJSON_ParseWithOpts(text, &end, true);
	if (!root)
		return parse_failure(&r, end ? end : text);
	int sizes[MLP_MAX_LAYERS + 1], n = 0;
	enum mlp_act acts[MLP_MAX_LAYERS];
	const cJSON *layers = NULL;
	int rc = -1;
	if (!cJSON_IsObject(root))
		fail(&r, 0, "expected a JSON object (a simon model file)");
	else if (!check_keys(&r, root, 0, top_keys, N_OF(top_keys), "a model file") &&
		 !read_header(&r, root, features, n_features) &&
		 (layers = need(&r, root, 0, "layers", "the network, first layer first")) &&
		 !read_shapes(&r, layers, n_features, sizes, acts, &n) && !mlp_init(m, sizes, acts, n, err))
		rc = read_values(&r, layers, m) || read_margin(&r, root, m);
	cJSON_Delete(root);
	if (rc)
		mlp_release(m);
	return rc;
}

int mlp_file_read(const char *path, const char *const *features, size_t n_features, struct mlp *m,
		  struct error *err)
{
	char *text;
	size_t size;
	if (textfile_read(path, &text, &size, err))
		return -1;
	int rc = mlp_text_read(text, path, features, n_features, m, err);
	free(text);
	return rc;
}

static void write_floats(FILE *f, const float *v, int n)
{
	fputc('[', f);
	for (int i = 0; i < n; i++)
		fprintf(f, "%s%.9g", i ? ", " : "", (double)v[i]);
	fputc(']', f);
}

static void write_string(FILE *f, const char *s)
{
	fputc('"', f);
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			fprintf(f, "\\%c", *s);
		else if ((unsigned char)*s < 0x20)
			fprintf(f, "\\u%04x", (unsigned char)*s);
		else
			fputc(*s, f);
	}
	fputc('"', f);
}

void mlp_file_write(FILE *f, const struct mlp *m, const char *const *features, size_t n_features,
		    const char *made_by)
{
	fprintf(f, "{\"format\": \"simon-mlp\", \"version\": %d,\n", MLP_FILE_VERSION);
	if (made_by) {
		fputs(" \"made_by\": ", f);
		write_string(f, made_by);
		fputs(",\n", f);
	}
	fprintf(f, " \"tie_margin\": %.9g,\n", m->tie_margin);
	fputs(" \"features\": [", f);
	for (size_t i = 0; i < n_features; i++) {
		fputs(i ? ", " : "", f);
		write_string(f, features[i]);
	}
	fputs("],\n \"layers\": [", f);
	for (int k = 0; k < m->n_layers; k++) {
		const struct mlp_layer *l = &m->layers[k];
		fprintf(f, "%s\n  {\"activation\": \"%s\",\n   \"weight\": [", k ? "," : "", mlp_act_names[l->act]);
		for (int o = 0; o < l->out; o++) {
			fputs(o ? ",\n     " : "", f);
			write_floats(f, l->w + (size_t)o * l->in, l->in);
		}
		fputs("],\n   \"bias\": ", f);
		write_floats(f, l->b, l->out);
		fputc('}', f);
	}
	fputs("]}\n", f);
}
