/* Baseline for Benchmarks/html-import.sh (not a test): parses HTML files with libxml2's HTML
   push parser and SAX callbacks that only count, in 64 KiB chunks, as Beizhu's importer reads
   them. Prints the counts so the work cannot be optimised away. */
#include <stdio.h>
#include <string.h>
#include <libxml/HTMLparser.h>
#include <libxml/parser.h>

static unsigned long elements, text_bytes, script_bytes;

static void on_start(void *ctx, const xmlChar *name, const xmlChar **atts) { (void)ctx; (void)name; (void)atts; elements++; }
static void on_end(void *ctx, const xmlChar *name) { (void)ctx; (void)name; }
static void on_text(void *ctx, const xmlChar *ch, int len) { (void)ctx; (void)ch; text_bytes += (unsigned long)len; }
static void on_cdata(void *ctx, const xmlChar *ch, int len) { (void)ctx; (void)ch; script_bytes += (unsigned long)len; }
static void on_error(void *ctx, xmlErrorPtr error) { (void)ctx; (void)error; }

int main(int argc, char **argv) {
    static char buffer[1 << 16];
    xmlInitParser();
    for (int i = 1; i < argc; i++) {
        FILE *file = fopen(argv[i], "rb");
        if (!file) { perror(argv[i]); return 1; }
        htmlSAXHandler sax;
        memset(&sax, 0, sizeof sax);
        sax.initialized = XML_SAX2_MAGIC;
        sax.startElement = on_start;
        sax.endElement = on_end;
        sax.characters = on_text;
        sax.ignorableWhitespace = on_text;
        sax.cdataBlock = on_cdata;
        sax.serror = on_error;
        htmlParserCtxtPtr ctxt = htmlCreatePushParserCtxt(&sax, NULL, NULL, 0, argv[i], XML_CHAR_ENCODING_UTF8);
        htmlCtxtUseOptions(ctxt, HTML_PARSE_RECOVER | HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_IGNORE_ENC);
        size_t count;
        while ((count = fread(buffer, 1, sizeof buffer, file)) > 0) htmlParseChunk(ctxt, buffer, (int)count, 0);
        htmlParseChunk(ctxt, NULL, 0, 1);
        htmlFreeParserCtxt(ctxt);
        fclose(file);
    }
    printf("elements %lu, text bytes %lu, script bytes %lu\n", elements, text_bytes, script_bytes);
    return 0;
}
