package net.ipmpd.testlab.junit;

import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a test class or method that builds a namespace lab: runs as root, is skipped for other users with
 * "lab tests need root to create network namespaces; run as root or via sudo", and fails instead when the
 * environment variable CI is set or a required tool (ip, nft, ping, sysctl) is missing.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ExtendWith(RequiresRootExtension.class)
public @interface RequiresRoot {
}
