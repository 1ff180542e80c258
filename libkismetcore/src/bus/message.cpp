// The field schema of Kismet's messagebus record.
#include "kismetcore/bus/message.h"

#include "kismetcore/fields/record_schema_builder.h"

namespace kismetcore::bus {

const fields::RecordSchema& message_schema() {
    // Kismet declares message_flags as int32 and message_time as uint64 (time_t seconds).
    static const fields::RecordSchema schema =
        fields::RecordSchemaBuilder<Message>("kismet.messagebus.message")
            .field<&Message::text>("kismet.messagebus.message_string", "Message content")
            .field<&Message::flags>("kismet.messagebus.message_flags", "Message flags (per messagebus.h)",
                                    {.type = fields::FieldType::int32})
            .field<&Message::time, &track::WallTime::sec>("kismet.messagebus.message_time", "Message time_t")
            .build();
    return schema;
}

}  // namespace kismetcore::bus
