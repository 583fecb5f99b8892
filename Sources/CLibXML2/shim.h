#ifndef BEIZHU_CLIBXML2_SHIM_H
#define BEIZHU_CLIBXML2_SHIM_H
#include <libxml/parser.h>
#include <libxml/HTMLparser.h>
#include <libxml/xmlreader.h>
#include <libxml/xmlerror.h>
#include <libxml/SAX2.h>
#endif
