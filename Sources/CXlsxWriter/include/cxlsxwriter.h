#ifndef CXLSXWRITER_H
#define CXLSXWRITER_H

#include <stddef.h>
#include <stdint.h>

/* The part of libxlsxwriter (Debian's libxlsxwriter-dev) that `print --format xlsx` uses,
 * loaded with dlopen the first time a workbook is written. Linked at start, the library
 * would map libcrypto and minizip into every jixiao command; loaded here, only a printout
 * to XLSX pays for them. The function types come from libxlsxwriter's own header, so the
 * compiler checks every call against it. */

/* 0 once the library is loaded; -1 with the reason in `why` when it cannot be. */
int jx_xlsx_load(char *why, size_t size);

/* A cell format: what `jx_xlsx_add_format` makes. */
typedef struct jx_xlsx_format_spec {
    int bold;
    double font_size;
    /* 0 left, 1 centre, 2 right. */
    int align;
    /* A thin border on every side. */
    int border;
    /* Wrap text inside the cell. */
    int wrap;
    /* An Excel number format ("#,##0.00", "0.00\"%\""), or NULL for text. */
    const char *number_format;
} jx_xlsx_format_spec;

/* Page setup of a worksheet. Rows and columns count from 0; -1 leaves a setting out. */
typedef struct jx_xlsx_page_spec {
    /* Excel's paper code: 9 A4, 8 A3. */
    int paper;
    int landscape;
    int repeat_first_row, repeat_last_row;
    int last_row, last_column;
    int freeze_row, freeze_column;
    const char *footer;
} jx_xlsx_page_spec;

void *jx_xlsx_workbook_new(const char *path, const char *tmpdir);
void *jx_xlsx_add_worksheet(void *workbook, const char *name);
void *jx_xlsx_add_format(void *workbook, const jx_xlsx_format_spec *spec);
int jx_xlsx_write_string(void *worksheet, uint32_t row, uint16_t column, const char *text, void *format);
int jx_xlsx_write_number(void *worksheet, uint32_t row, uint16_t column, double value, void *format);
int jx_xlsx_merge_range(void *worksheet, uint32_t first_row, uint16_t first_column, uint32_t last_row, uint16_t last_column,
                        const char *text, void *format);
int jx_xlsx_set_column(void *worksheet, uint16_t column, double width);
int jx_xlsx_set_row(void *worksheet, uint32_t row, double height);
int jx_xlsx_set_page(void *worksheet, const jx_xlsx_page_spec *spec);
/* Writes the file and frees the workbook, whatever the result. */
int jx_xlsx_close(void *workbook);
const char *jx_xlsx_strerror(int error);

#endif
