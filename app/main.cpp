// The desktop program. Everything lives in the libraries; ui/Application.h is the composition root.
#include "Application.h"

int main(int argc, char** argv)
{
    return pc::Application::run(argc, argv);
}
