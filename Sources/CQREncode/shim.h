#ifndef GROUNDWORK_CQRENCODE_SHIM_H
#define GROUNDWORK_CQRENCODE_SHIM_H
/* Debian's libqrencode (libqrencode-dev): the join address as a QR code on the shared screen. */
#include <qrencode.h>
#endif
