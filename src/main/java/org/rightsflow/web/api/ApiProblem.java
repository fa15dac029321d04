package org.rightsflow.web.api;

import java.util.Map;

/** An answer other than success that the API gives on purpose, with its status, code and extra members. */
class ApiProblem extends RuntimeException {

    final int status;
    final String code;
    final Map<String, Object> properties;

    ApiProblem(int status, String code, String detail, Map<String, Object> properties) {
        super(detail);
        this.status = status;
        this.code = code;
        this.properties = properties;
    }
}
