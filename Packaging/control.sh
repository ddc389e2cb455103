#!/bin/bash
# make deb: writes DEBIAN/control and DEBIAN/md5sums of the package tree WORK/debian/jixiao.
#   Packaging/control.sh WORK VERSION ARCH
# Depends is not written by hand: dpkg-shlibdeps reads the shared libraries the binary really
# links (its NEEDED entries: ncursesw, tinfo, libc, libstdc++, libgcc_s) and names the Debian
# packages that provide them, with the versions the symbols it uses need. A library linked or
# dropped later changes Depends with it; the one loaded with dlopen (libxlsxwriter) is added.
# tests/test_install.py checks the result against ldd and that library.
set -euo pipefail
work=$1 version=$2 arch=$3
root="$work/debian/jixiao"

# dpkg-shlibdeps runs where a source package would be, and wants its debian/control.
printf 'Source: jixiao\n\nPackage: jixiao\nArchitecture: any\n' > "$work/debian/control"
depends=$(cd "$work" && dpkg-shlibdeps -O debian/jixiao/usr/bin/jixiao | sed -n 's/^shlibs:Depends=//p')
rm "$work/debian/control"
if [ -z "$depends" ]; then
  echo "dpkg-shlibdeps found no dependencies for usr/bin/jixiao" >&2
  exit 2
fi
# print --format xlsx loads libxlsxwriter when it writes a workbook (dlopen: no NEEDED entry,
# so that no other command pays for it and its libcrypto at start). The soname is the one the
# binary was built against (LXW_SOVERSION in xlsxwriter.h); its package joins Depends.
soversion=$(sed -n 's/^#define LXW_SOVERSION "\(.*\)"/\1/p' /usr/include/xlsxwriter.h)
xlsx=$(dpkg -S "libxlsxwriter.so.$soversion" 2>/dev/null | grep -v -- '-dev:' | head -n1 | cut -d: -f1)
if [ -z "$xlsx" ]; then
  echo "no package holds libxlsxwriter.so.$soversion (apt-get install libxlsxwriter-dev)" >&2
  exit 2
fi
depends="$depends, $xlsx"
size=$(du -sk --exclude=DEBIAN "$root" | cut -f1)

cat > "$root/DEBIAN/control" <<CONTROL
Package: jixiao
Version: $version
Architecture: $arch
Maintainer: Jixiao maintainers <maintainers@users.noreply.b-seed-9c0af077.example>
Installed-Size: $size
Depends: $depends
Section: utils
Priority: optional
Description: budget performance self-evaluation sheets (绩效自评表)
 Jixiao fills in, checks and prints the yearly budget performance
 self-evaluation sheets (绩效自评表) of Chinese budget units: a command
 line (templates, new, set, get, validate, print, format, schema) and a
 full-screen terminal editor. Every rate, subtotal, total and grade is
 computed with exact decimals, and every problem is named with its place.
 Messages are in Chinese, or in English with --lang en.
CONTROL
(cd "$root" && find usr -type f -print0 | sort -z | xargs -0 md5sum) > "$root/DEBIAN/md5sums"
chmod 644 "$root/DEBIAN/control" "$root/DEBIAN/md5sums"
