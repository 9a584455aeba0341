package dev.bookwise.query.web;

import dev.bookwise.web.problem.BaseExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The shared problems: reads meet no failure of their own. */
@RestControllerAdvice
class QueryExceptionHandler extends BaseExceptionHandler {}
