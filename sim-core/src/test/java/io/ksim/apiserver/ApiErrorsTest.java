package io.ksim.apiserver;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ksim.api.meta.StatusCause;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Texts from apimachinery pkg/api/errors/errors.go, as kubectl shows them. */
class ApiErrorsTest {

    private static final GroupResource PODS = new GroupResource("", "pods");
    private static final GroupResource DEPLOYMENTS = new GroupResource("apps", "deployments");

    @Test
    void notFoundNamesTheQualifiedResource() {
        ApiException e = ApiErrors.notFound(DEPLOYMENTS, "web");
        assertEquals("Error from server (NotFound): deployments.apps \"web\" not found", e.kubectlMessage());
        assertEquals(404, e.code());
        assertEquals("deployments", e.status().details().kind());
        assertEquals("apps", e.status().details().group());
    }

    @Test
    void staleUpdateConflict() {
        assertEquals("Operation cannot be fulfilled on deployments.apps \"web\": the object has been modified; "
                + "please apply your changes to the latest version and try again",
                ApiErrors.staleUpdate(DEPLOYMENTS, "web").getMessage());
        assertEquals(409, ApiErrors.staleUpdate(DEPLOYMENTS, "web").code());
    }

    @Test
    void alreadyExistsAndGenerateNameConflict() {
        assertEquals("pods \"x\" already exists", ApiErrors.alreadyExists(PODS, "x").getMessage());
        assertEquals("pods \"x-abcde\" already exists, the server was not able to generate a unique name for the object",
                ApiErrors.generateNameConflict(PODS, "x-abcde").getMessage());
    }

    @Test
    void invalidJoinsSeveralCausesInBrackets() {
        GroupKind deployment = new GroupKind("apps", "Deployment");
        StatusCause replicas = new StatusCause("FieldValueInvalid",
                "Invalid value: -1: must be greater than or equal to 0", "spec.replicas");
        StatusCause name = new StatusCause("FieldValueRequired", "Required value: name or generateName is required",
                "metadata.name");
        assertEquals("Deployment.apps \"web\" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0",
                ApiErrors.invalid(deployment, "web", List.of(replicas)).getMessage());
        assertEquals("Deployment.apps \"web\" is invalid: [spec.replicas: Invalid value: -1: must be greater than or "
                + "equal to 0, metadata.name: Required value: name or generateName is required]",
                ApiErrors.invalid(deployment, "web", List.of(replicas, name, replicas)).getMessage());
        assertEquals("Pod \"p\" is invalid", ApiErrors.invalid(new GroupKind("", "Pod"), "p", List.of()).getMessage());
        assertEquals(422, ApiErrors.invalid(deployment, "web", List.of()).code());
    }

    @Test
    void forbiddenWithAndWithoutName() {
        assertEquals("pods \"x\" is forbidden: User \"bob\" cannot get resource \"pods\" in API group \"\" in the namespace \"default\"",
                ApiErrors.forbidden(PODS, "x", "User \"bob\" cannot get resource \"pods\" in API group \"\" in the namespace \"default\"").getMessage());
        assertEquals("pods is forbidden: no", ApiErrors.forbidden(PODS, "", "no").getMessage());
    }

    @Test
    void methodNotSupported() {
        assertEquals("create is not supported on resources of kind \"deployments.apps\"",
                ApiErrors.methodNotSupported(DEPLOYMENTS, "create").getMessage());
    }
}
