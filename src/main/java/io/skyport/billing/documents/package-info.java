/**
 * Invoice and credit-note PDFs, rendered with JasperReports from a template compiled at build time.
 */
@NullMarked
package io.skyport.billing.documents;

import org.jspecify.annotations.NullMarked;
