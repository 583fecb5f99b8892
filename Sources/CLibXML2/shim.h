#ifndef BEIZHU_CLIBXML2_SHIM_H
#define BEIZHU_CLIBXML2_SHIM_H
#include <libxml/xmlversion.h>
/* libxml2's encoding.h includes the system ICU headers when LIBXML_ICU_ENABLED is set, and those
   clash with Foundation's own copy of ICU (_FoundationICU: "enum UErrorCode ... is not present").
   We never touch xmlCharEncodingHandler's fields (the only place the flag changes a layout), so
   hiding ICU from the import is safe. */
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/HTMLparser.h>
#include <libxml/xmlreader.h>
#include <libxml/xmlerror.h>
#include <libxml/SAX2.h>
#include <libxml/dict.h>
#endif
