#!/bin/sh
# Builds .build/deb/groundwork_VERSION_ARCH.deb with dpkg-deb: `make install PREFIX=<stage>/usr`
# with a static Swift runtime, then DEBIAN/control. The version is the binary's own (--version).
set -eu
MAKE=${MAKE:-make}
out=.build/deb
stage=$out/root
rm -rf "$stage"
mkdir -p "$stage/DEBIAN"
$MAKE --no-print-directory install PREFIX="$PWD/$stage/usr" SWIFT_BUILD_FLAGS=--static-swift-stdlib
binary="$stage/usr/bin/groundwork"
version=$("$binary" --version)
arch=$(dpkg --print-architecture)
# Anything still linked from the toolchain would be missing on a machine without it.
if ldd "$binary" | grep -q '/opt/swift\|libswift'; then
  echo "deb: the binary still needs the Swift runtime: $(ldd "$binary" | grep -m1 'swift')" >&2; exit 1
fi
size=$(du -sk "$stage/usr" | cut -f1)
cat > "$stage/DEBIAN/control" <<CONTROL
Package: groundwork
Version: $version
Architecture: $arch
Maintainer: Groundwork developers <groundwork@localhost>
Installed-Size: $size
Depends: libedit2, libqrencode4, libc6, libstdc++6, libgcc-s1
Section: utils
Priority: optional
Description: rule-based coach that lives in the terminal
 Journaling, career check-ins and facilitated group exercises, from dialogue
 scripts; sessions stay on your machine, optionally encrypted.
CONTROL
deb="$out/groundwork_${version}_${arch}.deb"
dpkg-deb --root-owner-group --build "$stage" "$deb" >/dev/null
echo "deb: $deb ($(du -h "$deb" | cut -f1))"
