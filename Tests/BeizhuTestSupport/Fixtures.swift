import BeizhuCore
