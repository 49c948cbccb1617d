package io.ksim.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A file or directory of the node (core/v1 HostPathVolumeSource). Defaulting sets {@code type} to the empty
 * string (no check), which upstream prints as {@code type: ""}.
 */
public record HostPathVolumeSource(String path, @JsonInclude(JsonInclude.Include.NON_NULL) String type) {

    public static final String TYPE_UNSET = "";
    public static final String TYPE_DIRECTORY_OR_CREATE = "DirectoryOrCreate";
    public static final String TYPE_DIRECTORY = "Directory";
    public static final String TYPE_FILE_OR_CREATE = "FileOrCreate";
    public static final String TYPE_FILE = "File";
    public static final String TYPE_SOCKET = "Socket";
    public static final String TYPE_CHAR_DEVICE = "CharDevice";
    public static final String TYPE_BLOCK_DEVICE = "BlockDevice";
}
