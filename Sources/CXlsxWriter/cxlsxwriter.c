#include "cxlsxwriter.h"

#include <dlfcn.h>
#include <stdio.h>
#include <xlsxwriter.h>

/* Every libxlsxwriter function used, typed as its header declares it. */
#define JX_FUNCTIONS(X)                                                                      \
    X(workbook_new_opt) X(workbook_add_worksheet) X(workbook_add_format) X(workbook_close)   \
    X(format_set_bold) X(format_set_font_name) X(format_set_font_size) X(format_set_align)   \
    X(format_set_text_wrap) X(format_set_border) X(format_set_num_format)                    \
    X(worksheet_write_string) X(worksheet_write_number) X(worksheet_merge_range)             \
    X(worksheet_set_column) X(worksheet_set_row) X(worksheet_set_paper)                      \
    X(worksheet_set_landscape) X(worksheet_set_portrait) X(worksheet_fit_to_pages)           \
    X(worksheet_repeat_rows) X(worksheet_print_area) X(worksheet_freeze_panes)              \
    X(worksheet_set_footer) X(worksheet_center_horizontally) X(worksheet_set_margins)        \
    X(lxw_strerror)

static struct {
#define JX_FIELD(name) __typeof__(&name) name;
    JX_FUNCTIONS(JX_FIELD)
#undef JX_FIELD
} lib;

static int loaded;

int jx_xlsx_load(char *why, size_t size) {
    if (loaded) return 0;
    /* The ABI the header describes, and no other. */
    void *handle = dlopen("libxlsxwriter.so." LXW_SOVERSION, RTLD_NOW | RTLD_LOCAL);
    if (!handle) {
        snprintf(why, size, "%s", dlerror());
        return -1;
    }
#define JX_LOAD(name)                                                    \
    lib.name = (__typeof__(lib.name))dlsym(handle, #name);               \
    if (!lib.name) {                                                     \
        snprintf(why, size, "libxlsxwriter.so.%s: %s", LXW_SOVERSION, #name); \
        dlclose(handle);                                                 \
        return -1;                                                       \
    }
    JX_FUNCTIONS(JX_LOAD)
#undef JX_LOAD
    loaded = 1;
    return 0;
}

void *jx_xlsx_workbook_new(const char *path, const char *tmpdir) {
    lxw_workbook_options options = {.constant_memory = LXW_FALSE, .tmpdir = (char *)tmpdir, .use_zip64 = LXW_FALSE};
    return lib.workbook_new_opt(path, &options);
}

void *jx_xlsx_add_worksheet(void *workbook, const char *name) {
    return lib.workbook_add_worksheet((lxw_workbook *)workbook, name);
}

void *jx_xlsx_add_format(void *workbook, const jx_xlsx_format_spec *spec) {
    lxw_format *f = lib.workbook_add_format((lxw_workbook *)workbook);
    if (!f) return NULL;
    /* SimSun: what the bureaus' own forms are set in, and a font every Chinese Office has. */
    lib.format_set_font_name(f, "宋体");
    lib.format_set_font_size(f, spec->font_size);
    if (spec->bold) lib.format_set_bold(f);
    lib.format_set_align(f, spec->align == 1 ? LXW_ALIGN_CENTER : spec->align == 2 ? LXW_ALIGN_RIGHT : LXW_ALIGN_LEFT);
    lib.format_set_align(f, LXW_ALIGN_VERTICAL_CENTER);
    if (spec->wrap) lib.format_set_text_wrap(f);
    if (spec->border) lib.format_set_border(f, LXW_BORDER_THIN);
    if (spec->number_format) lib.format_set_num_format(f, spec->number_format);
    return f;
}

int jx_xlsx_write_string(void *worksheet, uint32_t row, uint16_t column, const char *text, void *format) {
    return lib.worksheet_write_string((lxw_worksheet *)worksheet, row, column, text, (lxw_format *)format);
}

int jx_xlsx_write_number(void *worksheet, uint32_t row, uint16_t column, double value, void *format) {
    return lib.worksheet_write_number((lxw_worksheet *)worksheet, row, column, value, (lxw_format *)format);
}

int jx_xlsx_merge_range(void *worksheet, uint32_t first_row, uint16_t first_column, uint32_t last_row, uint16_t last_column,
                        const char *text, void *format) {
    return lib.worksheet_merge_range((lxw_worksheet *)worksheet, first_row, first_column, last_row, last_column, text,
                                     (lxw_format *)format);
}

int jx_xlsx_set_column(void *worksheet, uint16_t column, double width) {
    return lib.worksheet_set_column((lxw_worksheet *)worksheet, column, column, width, NULL);
}

int jx_xlsx_set_row(void *worksheet, uint32_t row, double height) {
    return lib.worksheet_set_row((lxw_worksheet *)worksheet, row, height, NULL);
}

int jx_xlsx_set_page(void *worksheet, const jx_xlsx_page_spec *spec) {
    lxw_worksheet *ws = (lxw_worksheet *)worksheet;
    lib.worksheet_set_paper(ws, (uint8_t)spec->paper);
    if (spec->landscape) lib.worksheet_set_landscape(ws); else lib.worksheet_set_portrait(ws);
    /* One page wide, as many long as it takes. */
    lib.worksheet_fit_to_pages(ws, 1, 0);
    lib.worksheet_center_horizontally(ws);
    lib.worksheet_set_margins(ws, 0.4, 0.4, 0.6, 0.6);
    int error = 0;
    if (spec->repeat_first_row >= 0) error = lib.worksheet_repeat_rows(ws, spec->repeat_first_row, spec->repeat_last_row);
    if (!error && spec->last_row >= 0) error = lib.worksheet_print_area(ws, 0, 0, spec->last_row, spec->last_column);
    if (!error && spec->footer) error = lib.worksheet_set_footer(ws, spec->footer);
    if (spec->freeze_row > 0 || spec->freeze_column > 0)
        lib.worksheet_freeze_panes(ws, spec->freeze_row > 0 ? spec->freeze_row : 0, spec->freeze_column > 0 ? spec->freeze_column : 0);
    return error;
}

int jx_xlsx_close(void *workbook) {
    return lib.workbook_close((lxw_workbook *)workbook);
}

const char *jx_xlsx_strerror(int error) {
    return loaded ? lib.lxw_strerror((lxw_error)error) : "libxlsxwriter is not loaded";
}
