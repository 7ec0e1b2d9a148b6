/** Survey responses: recording answers through the group-commit writer, and reading and exporting them. */
package org.opencem.core.response;
