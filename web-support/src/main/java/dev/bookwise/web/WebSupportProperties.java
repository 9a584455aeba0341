package dev.bookwise.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/** @param maxBodySize request bodies over this are refused with 413 ({@code bookwise.web.max-body-size}) */
@ConfigurationProperties("bookwise.web")
public record WebSupportProperties(@DefaultValue("64KB") DataSize maxBodySize) {}
