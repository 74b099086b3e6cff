# SC_WITH_STRONGSWAN_SRC
# ----------------------
# Takes --with-strongswan-src=DIR, a configured strongSwan source tree of a
# supported release, and derives from it the preprocessor flags for
# out-of-tree plugins and the plugin directory of that build.
#
# strongSwan installs no libcharon headers, and struct layouts depend on its
# config.h: plugins therefore compile against the very tree (same release,
# same configure options) whose charon loads them.
#
# Substitutes STRONGSWAN_SRC, STRONGSWAN_VERSION, STRONGSWAN_CPPFLAGS,
# plugindir and strongswan_confdir.
AC_DEFUN([SC_WITH_STRONGSWAN_SRC],
[
	AC_ARG_WITH([strongswan-src],
		[AS_HELP_STRING([--with-strongswan-src=DIR],
			[configured strongSwan source tree to build against (required)])],
		[STRONGSWAN_SRC="$withval"], [STRONGSWAN_SRC=""])
	AC_ARG_WITH([strongswan-plugindir],
		[AS_HELP_STRING([--with-strongswan-plugindir=DIR],
			[install plugins here instead of the plugin directory of the
			 strongSwan tree given with --with-strongswan-src])],
		[plugindir="$withval"], [plugindir=""])

	AC_MSG_CHECKING([for a configured strongSwan source tree])
	AS_IF([test -z "$STRONGSWAN_SRC" || test "x$STRONGSWAN_SRC" = xyes],
		[AC_MSG_RESULT([no])
		 AC_MSG_ERROR([--with-strongswan-src=DIR is required: DIR is a configured strongSwan source tree (scripts/setup prepares one in build/strongswan)])])
	AS_IF([test ! -d "$STRONGSWAN_SRC"],
		[AC_MSG_RESULT([no])
		 AC_MSG_ERROR([strongSwan source tree '$STRONGSWAN_SRC' does not exist])])
	STRONGSWAN_SRC=`cd "$STRONGSWAN_SRC" && pwd`
	AS_IF([test ! -f "$STRONGSWAN_SRC/src/libcharon/daemon.h" ||
		   test ! -f "$STRONGSWAN_SRC/src/libstrongswan/library.h"],
		[AC_MSG_RESULT([no])
		 AC_MSG_ERROR(['$STRONGSWAN_SRC' is not a strongSwan source tree (no src/libcharon/daemon.h)])])
	AS_IF([test ! -f "$STRONGSWAN_SRC/config.h"],
		[AC_MSG_RESULT([no])
		 AC_MSG_ERROR(['$STRONGSWAN_SRC' is not configured (no config.h): run its ./configure with the options of the charon that will load the plugins])])
	AC_MSG_RESULT([$STRONGSWAN_SRC])

	AC_MSG_CHECKING([for the strongSwan release of that tree])
	STRONGSWAN_VERSION=`sed -n 's/^#define VERSION "\(.*\)"$/\1/p' "$STRONGSWAN_SRC/config.h"`
	AS_IF([test -z "$STRONGSWAN_VERSION"],
		[AC_MSG_RESULT([unknown])
		 AC_MSG_ERROR([no VERSION in '$STRONGSWAN_SRC/config.h'])])
	AC_MSG_RESULT([$STRONGSWAN_VERSION])
	# 6.0.3 and later require PLUGIN_DEFINE() version symbols and changed
	# the plugin interfaces these plugins use; they are not supported yet.
	AS_CASE([$STRONGSWAN_VERSION],
		[5.9.8|5.9.9|5.9.1[[0-4]]], [],
		[AC_MSG_ERROR([strongSwan $STRONGSWAN_VERSION is not supported: supported releases are 5.9.8 to 5.9.14])])

	AS_IF([test -z "$plugindir"],
		[AC_MSG_CHECKING([for the plugin directory of that tree])
		 plugindir=`sed -n 's/^plugindir = //p' "$STRONGSWAN_SRC/src/libcharon/Makefile"`
		 AS_IF([test -z "$plugindir"],
			[AC_MSG_RESULT([unknown])
			 AC_MSG_ERROR([cannot read plugindir from '$STRONGSWAN_SRC/src/libcharon/Makefile': pass --with-strongswan-plugindir=DIR])])
		 # the Makefile may refer to make variables such as ${libdir}
		 plugindir=`cd "$STRONGSWAN_SRC/src/libcharon" && printf 'print:\n\t@echo $(plugindir)\n' | make -s -f Makefile -f - print 2>/dev/null`
		 AC_MSG_RESULT([$plugindir])])
	AC_MSG_CHECKING([for the pid directory of that tree])
	strongswan_piddir=`sed -n 's/^piddir = //p' "$STRONGSWAN_SRC/src/libcharon/Makefile"`
	AS_IF([test -z "$strongswan_piddir"], [strongswan_piddir=/var/run])
	AC_MSG_RESULT([$strongswan_piddir])
	strongswan_confdir=`cd "$STRONGSWAN_SRC/conf" 2>/dev/null && printf 'print:\n\t@echo $(charonconfdir)\n' | make -s -f Makefile -f - print 2>/dev/null`

	STRONGSWAN_CPPFLAGS="-include $STRONGSWAN_SRC/config.h -I$STRONGSWAN_SRC/src/libstrongswan -I$STRONGSWAN_SRC/src/libcharon -DIPSEC_PIDDIR=\\\"$strongswan_piddir\\\""
	AC_SUBST([STRONGSWAN_SRC])
	AC_SUBST([STRONGSWAN_VERSION])
	AC_SUBST([STRONGSWAN_CPPFLAGS])
	AC_SUBST([plugindir])
	AC_SUBST([strongswan_confdir])
	AC_SUBST([strongswan_piddir])
])
