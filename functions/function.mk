# sam build, for every function (template.yaml: Metadata: BuildMethod: makefile): SAM runs
# `make --makefile functions/<name>/Makefile build-<LogicalId>` with ARTIFACTS_DIR set, and that
# Makefile includes this file. A function's code is its shaded jar, target/function.jar, exactly as
# `mvn package` builds it (and the local runner and the tests load it): reused when it is newer than
# every source it is built from, otherwise built (this module and shared only). Its contents go to
# ARTIFACTS_DIR, which sam deploy zips: the deployed package holds the same files as the jar.
# Maven flags (e.g. -o for offline) can be passed as MVN_FLAGS in the environment.
MODULE := $(abspath $(dir $(firstword $(MAKEFILE_LIST))))
ROOT := $(abspath $(MODULE)/../..)
JAR := $(MODULE)/target/function.jar
SOURCES := $(MODULE)/src $(MODULE)/pom.xml $(ROOT)/shared/src $(ROOT)/shared/pom.xml $(ROOT)/pom.xml $(ROOT)/web

build-%:
	@if [ ! -f "$(JAR)" ] || [ -n "$$(find $(SOURCES) -newer "$(JAR)" -print 2>/dev/null | head -1)" ]; then \
	  echo "mvn package: $(notdir $(MODULE))"; \
	  cd "$(ROOT)" && mvn -B -q $(MVN_FLAGS) -pl functions/$(notdir $(MODULE)) -am package -DskipTests; fi
	@mkdir -p "$(ARTIFACTS_DIR)" && cd "$(ARTIFACTS_DIR)" && unzip -q -o "$(JAR)"
