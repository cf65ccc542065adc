# sam build, for every function (template.yaml: Metadata: BuildMethod: makefile): SAM runs
# `make --makefile functions/<name>/Makefile build-<LogicalId>` with ARTIFACTS_DIR set, and that
# Makefile includes this file. A function's code is its shaded jar, target/function.jar, exactly as
# `mvn package` builds it and the local runner and the tests load it: reused when it is newer than
# every source it is built from, otherwise built (this module and shared only, tests skipped). It is
# copied as is to ARTIFACTS_DIR/lib/, which the Lambda Java runtime puts on the class path (copying
# one jar, not unpacking thousands of files, keeps sam build at seconds when the jars are built).
# Maven flags (e.g. -o for offline, -Dmaven.repo.local=...) can be passed as MVN_FLAGS.
MODULE := $(abspath $(dir $(firstword $(MAKEFILE_LIST))))
ROOT := $(abspath $(MODULE)/../..)
JAR := $(MODULE)/target/function.jar
SOURCES := $(MODULE)/src $(MODULE)/pom.xml $(ROOT)/shared/src $(ROOT)/shared/pom.xml $(ROOT)/pom.xml $(ROOT)/web

build-%:
	@if [ ! -f "$(JAR)" ] || [ -n "$$(find $(SOURCES) -newer "$(JAR)" -print 2>/dev/null | head -1)" ]; then \
	  echo "mvn package: $(notdir $(MODULE))"; \
	  cd "$(ROOT)" && mvn -B -q $(MVN_FLAGS) -pl functions/$(notdir $(MODULE)) -am package -DskipTests; fi
	@mkdir -p "$(ARTIFACTS_DIR)/lib" && cp "$(JAR)" "$(ARTIFACTS_DIR)/lib/function.jar"
