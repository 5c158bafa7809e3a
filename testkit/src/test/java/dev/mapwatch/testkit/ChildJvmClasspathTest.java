package dev.mapwatch.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link ChildJvm#readClasspath}: the file {@code dependency:build-classpath} writes. */
class ChildJvmClasspathTest {

    @Test
    void readsEveryEntryInOrder(@TempDir Path dir) throws IOException {
        Path a = Files.createFile(dir.resolve("a.jar"));
        Path b = Files.createDirectory(dir.resolve("classes"));
        Path file = Files.writeString(dir.resolve("cp.txt"), a + File.pathSeparator + b + "\n");

        assertThat(ChildJvm.readClasspath(file)).containsExactly(a, b);
    }

    @Test
    void aMissingFileOrEntrySaysWhich(@TempDir Path dir) throws IOException {
        Path missing = dir.resolve("cp.txt");
        assertThatThrownBy(() -> ChildJvm.readClasspath(missing))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(missing.toString());

        Path gone = dir.resolve("gone.jar");
        Path file = Files.writeString(missing, gone.toString());
        assertThatThrownBy(() -> ChildJvm.readClasspath(file))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("class path entry missing: " + gone);
    }
}
