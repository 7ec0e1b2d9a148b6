/** Survey questions, their answers, and recording responses. */
package org.opencem.api.survey;
